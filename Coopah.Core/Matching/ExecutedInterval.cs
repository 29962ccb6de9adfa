namespace Coopah.Core.Matching;

/// <summary>Where an interval's numbers came from, best first.</summary>
public enum IntervalSource
{
    /// <summary>The FIT file's laps, joined to the plan by <c>wkt_step_index</c>: exact to 1 ms and 1 cm.</summary>
    FitStepLaps,

    /// <summary>The FIT file's laps without step indexes, aligned to the plan by order and duration.</summary>
    FitLaps,

    /// <summary>Boundaries interpolated between the activity details' samples on the timer axis.</summary>
    DetailsInterpolated,

    /// <summary>No usable laps (or only auto-laps): the planned steps laid over the distance/time curve.</summary>
    PlanOverlay,
}

/// <summary>
/// One executed interval. <see cref="StepIndex"/> is the <see cref="PlannedInterval.Index"/> it executes, or null for
/// the stretch after the last planned step ("after the workout"). Times are seconds; <see cref="StartTimeInSeconds"/>
/// is Unix time with a fraction; <see cref="StartTimerSeconds"/> is the timer (pauses removed) since the run's start.
/// </summary>
public sealed record ExecutedInterval(
    int? StepIndex,
    double StartTimeInSeconds,
    double StartTimerSeconds,
    double TimerDurationInSeconds,
    double ElapsedDurationInSeconds,
    double DistanceInMeters,
    double? AverageHeartRate,
    double? MaxHeartRate,
    IntervalSource Source)
{
    public bool IsAfterWorkout => StepIndex is null;

    /// <summary>Seconds per km over the timer time; null below 1 m.</summary>
    public double? AveragePaceSecondsPerKm => DistanceInMeters >= 1 ? TimerDurationInSeconds / DistanceInMeters * 1000 : null;
}

/// <summary>A split that is not a workout step: an auto-lap (1 km / 1 mi) or a lap the plan does not explain.</summary>
public sealed record LapSplit(
    int Number,
    double StartTimeInSeconds,
    double StartTimerSeconds,
    double TimerDurationInSeconds,
    double DistanceInMeters,
    double? AverageHeartRate);

/// <summary>A point of the run on the timer axis (pauses removed), for charts and time-in-target.</summary>
public sealed record TracePoint(double TimerSeconds, double DistanceInMeters, double? SpeedMetresPerSecond, double? HeartRate);

/// <summary>The intervals of one run and how they were found.</summary>
/// <param name="Source">The best source any interval came from.</param>
/// <param name="Intervals">Executed steps in order, then the stretch after the workout when there is one.</param>
/// <param name="Splits">Auto-laps and other device laps that are not steps.</param>
/// <param name="Trace">The run on the timer axis (empty when only a summary is known).</param>
/// <param name="Notes">What the reconstruction had to decide (a merged extra lap, a split missed lap press...).</param>
public sealed record IntervalReconstruction(
    IntervalSource Source,
    IReadOnlyList<ExecutedInterval> Intervals,
    IReadOnlyList<LapSplit> Splits,
    IReadOnlyList<TracePoint> Trace,
    IReadOnlyList<string> Notes)
{
    public static IntervalReconstruction Empty { get; } = new(IntervalSource.PlanOverlay, [], [], [], []);
}
