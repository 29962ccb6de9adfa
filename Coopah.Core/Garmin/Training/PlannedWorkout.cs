namespace Coopah.Core.Garmin.Training;

/// <summary>
/// The mapper's input: a planned session with the runner's paces already resolved. The plan domain converts its
/// own model into this one, so the Garmin mapping does not depend on it.
/// </summary>
/// <param name="Name">Human name, e.g. "6 x 800 m".</param>
/// <param name="SessionCode">Short code that lets a Garmin activity be matched back (1-16 of [A-Za-z0-9_-]).</param>
/// <param name="Description">Free text for the workout description (truncated at Garmin's 1024).</param>
/// <param name="Steps">Top-level steps and repeat blocks, in order.</param>
public sealed record PlannedWorkout(string Name, string SessionCode, string? Description, IReadOnlyList<PlannedWorkoutNode> Steps);

/// <summary>A node of the steps tree: <see cref="PlannedStep"/> or <see cref="PlannedRepeat"/>.</summary>
public abstract record PlannedWorkoutNode;

/// <summary>One step.</summary>
public sealed record PlannedStep(PlannedStepIntensity Intensity, PlannedDuration Duration, PlannedTarget Target, string? Note = null)
    : PlannedWorkoutNode;

/// <summary>A block repeated <paramref name="Count"/> times.</summary>
public sealed record PlannedRepeat(int Count, IReadOnlyList<PlannedWorkoutNode> Steps, bool SkipLastRestStep = false) : PlannedWorkoutNode;

/// <summary>Step intensity.</summary>
public enum PlannedStepIntensity
{
    Warmup,
    Active,
    Interval,
    Recovery,
    Rest,
    Cooldown,
}

/// <summary>How a step ends.</summary>
public abstract record PlannedDuration
{
    /// <summary>Ends after a time.</summary>
    public static PlannedDuration Time(int seconds) => new TimeDuration(seconds);

    /// <summary>Ends after a distance.</summary>
    public static PlannedDuration Distance(double metres) => new DistanceDuration(metres);

    /// <summary>Ends when the runner presses the lap button.</summary>
    public static PlannedDuration Open { get; } = new OpenDuration();
}

/// <summary>A duration in whole seconds.</summary>
public sealed record TimeDuration(int Seconds) : PlannedDuration;

/// <summary>A distance in metres.</summary>
public sealed record DistanceDuration(double Metres) : PlannedDuration;

/// <summary>Until the lap button is pressed.</summary>
public sealed record OpenDuration : PlannedDuration;

/// <summary>What the watch guides to during a step.</summary>
public abstract record PlannedTarget
{
    /// <summary>No target.</summary>
    public static PlannedTarget Open { get; } = new OpenTarget();

    /// <summary>A pace band in seconds per km; the order of the two values does not matter.</summary>
    public static PlannedTarget PaceRange(double slowSecondsPerKm, double fastSecondsPerKm) =>
        new PaceRangeTarget(slowSecondsPerKm, fastSecondsPerKm);

    /// <summary>A heart-rate zone (1-5) as defined in Garmin Connect.</summary>
    public static PlannedTarget HeartRateZone(int zone) => new HeartRateZoneTarget(zone);
}

/// <summary>No target.</summary>
public sealed record OpenTarget : PlannedTarget;

/// <summary>A pace band (already resolved for the runner) in seconds per km.</summary>
public sealed record PaceRangeTarget(double SlowSecondsPerKm, double FastSecondsPerKm) : PlannedTarget;

/// <summary>A heart-rate zone 1-5.</summary>
public sealed record HeartRateZoneTarget(int Zone) : PlannedTarget;
