namespace Coopah.Core.Fit;

/// <summary>A workout (file type 5, or the workout inside an activity): name, sport and steps.</summary>
public sealed record FitWorkout(string? Name, string? Sport, string? SubSport, IReadOnlyList<FitWorkoutStep> Steps)
{
    internal static FitWorkout? From(FitFile file)
    {
        var w = file.MessagesOf(FitProfile.Workout).FirstOrDefault();
        var steps = file.MessagesOf(FitProfile.WorkoutStep).Select((m, i) => FitWorkoutStep.From(m, i)).ToList();
        if (w is null && steps.Count == 0)
        {
            return null;
        }

        return new FitWorkout(w?.Get("wkt_name") as string, FitActivity.EnumText(w?.Get("sport")), FitActivity.EnumText(w?.Get("sub_sport")), steps);
    }
}

/// <summary>
/// One workout_step with its main-field raw values (duration_value: ms for time, cm for distance, step index for
/// repeats; custom speed targets in m/s * 1000), as the FIT profile stores them.
/// </summary>
public sealed record FitWorkoutStep(
    int MessageIndex, string? Name, string DurationType, long? DurationValue, string TargetType, long? TargetValue,
    long? CustomTargetLow, long? CustomTargetHigh, string? Intensity, string? Notes)
{
    /// <summary>Time step of <paramref name="seconds"/>.</summary>
    public static FitWorkoutStep Time(int index, double seconds, string intensity = "active", string? name = null) =>
        new(index, name, "time", (long)Math.Round(seconds * 1000), "open", null, null, null, intensity, null);

    /// <summary>Distance step of <paramref name="meters"/>.</summary>
    public static FitWorkoutStep Distance(int index, double meters, string intensity = "active", string? name = null) =>
        new(index, name, "distance", (long)Math.Round(meters * 100), "open", null, null, null, intensity, null);

    /// <summary>Open step: lasts until the lap button.</summary>
    public static FitWorkoutStep Open(int index, string intensity = "active", string? name = null) =>
        new(index, name, "open", null, "open", null, null, null, intensity, null);

    /// <summary>Repeats the steps from <paramref name="fromStep"/> up to this one, <paramref name="times"/> times in total.</summary>
    public static FitWorkoutStep Repeat(int index, int fromStep, int times) =>
        new(index, null, "repeat_until_steps_cmplt", fromStep, "open", times, null, null, null, null);

    /// <summary>Adds a custom pace target; paces in seconds per km (slower edge first), stored as speed m/s * 1000.</summary>
    public FitWorkoutStep WithPace(double slowSecondsPerKm, double fastSecondsPerKm) => this with
    {
        TargetType = "speed",
        TargetValue = 0,
        CustomTargetLow = (long)Math.Round(1000.0 / slowSecondsPerKm * 1000),
        CustomTargetHigh = (long)Math.Round(1000.0 / fastSecondsPerKm * 1000),
    };

    /// <summary>Adds a custom heart-rate target in bpm (stored as bpm + 100).</summary>
    public FitWorkoutStep WithHeartRate(int lowBpm, int highBpm) => this with
    {
        TargetType = "heart_rate",
        TargetValue = 0,
        CustomTargetLow = lowBpm + 100,
        CustomTargetHigh = highBpm + 100,
    };

    public double? DurationSeconds => DurationType == "time" && DurationValue is { } v ? v / 1000.0 : null;

    public double? DurationMeters => DurationType == "distance" && DurationValue is { } v ? v / 100.0 : null;

    /// <summary>Custom speed range in m/s (low = slower edge) when the target is a custom speed.</summary>
    public (double Low, double High)? SpeedRange => TargetType == "speed" && TargetValue == 0 && CustomTargetLow is { } lo && CustomTargetHigh is { } hi
        ? (lo / 1000.0, hi / 1000.0)
        : null;

    internal static FitWorkoutStep From(FitMessage m, int position) => new(
        (int)(m.GetRaw("message_index") ?? position),
        m.Get("wkt_step_name") as string,
        FitActivity.EnumText(m.Get("duration_type")) ?? "open",
        RawOf(m, 2),
        FitActivity.EnumText(m.Get("target_type")) ?? "open",
        RawOf(m, 4),
        RawOf(m, 5),
        RawOf(m, 6),
        FitActivity.EnumText(m.Get("intensity")),
        m.Get("notes") as string);

    private static long? RawOf(FitMessage m, int number) => m.Field(number)?.Raw switch
    {
        long l => l,
        ulong u => (long)u,
        _ => null,
    };
}
