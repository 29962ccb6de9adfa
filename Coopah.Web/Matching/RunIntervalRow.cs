using System.Text.Json;
using Coopah.Core.Garmin.Training;
using Coopah.Core.Matching;

namespace Coopah.Web.Matching;

/// <summary>One row of a run's interval table: the planned step next to what was run, with its compliance.</summary>
public sealed record RunIntervalRow(
    int? StepIndex,
    string Label,
    string Intensity,
    int? RepeatNumber,
    int? RepeatCount,
    string PlannedKind,
    double? PlannedValue,
    double? PaceFast,
    double? PaceSlow,
    double StartTimeInSeconds,
    double StartTimerSeconds,
    double TimerSeconds,
    double ElapsedSeconds,
    double DistanceMetres,
    double? AverageHeartRate,
    double? MaxHeartRate,
    double? AchievedRatio,
    double? TimeInTarget,
    int Score,
    ComplianceColour Colour,
    IntervalSource Source)
{
    public double? PaceSecondsPerKm => DistanceMetres >= 1 ? TimerSeconds / DistanceMetres * 1000 : null;

    public bool IsAfterWorkout => StepIndex is null;
}

/// <summary>The run on the timer axis for charts: parallel arrays, thinned to a few hundred points.</summary>
public sealed record RunTrace(double[] Timer, double[] Distance, double?[] HeartRate)
{
    public static RunTrace Empty { get; } = new([], [], []);

    public const int MaxPoints = 600;

    public static RunTrace From(IReadOnlyList<TracePoint> points)
    {
        if (points.Count == 0)
        {
            return Empty;
        }

        var step = Math.Max(1, (int)Math.Ceiling(points.Count / (double)MaxPoints));
        var kept = points.Where((_, i) => i % step == 0 || i == points.Count - 1).ToList();
        return new RunTrace(
            [.. kept.Select(p => Math.Round(p.TimerSeconds, 2))],
            [.. kept.Select(p => Math.Round(p.DistanceInMeters, 2))],
            [.. kept.Select(p => p.HeartRate is { } hr ? Math.Round(hr) : (double?)null)]);
    }
}

/// <summary>The JSON columns of <see cref="MatchedRun"/>, written and read in one place.</summary>
public static class RunJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static IReadOnlyList<RunIntervalRow> Intervals(MatchedRun run) =>
        JsonSerializer.Deserialize<List<RunIntervalRow>>(run.IntervalsJson, Options) ?? [];

    public static IReadOnlyList<LapSplit> Splits(MatchedRun run) =>
        JsonSerializer.Deserialize<List<LapSplit>>(run.SplitsJson, Options) ?? [];

    public static RunTrace Trace(MatchedRun run) =>
        run.TraceJson is { Length: > 2 } json ? JsonSerializer.Deserialize<RunTrace>(json, Options) ?? RunTrace.Empty : RunTrace.Empty;

    /// <summary>A step's label as a person reads it: "Warm up", "800 m", "Jog 1:30".</summary>
    public static string Label(PlannedInterval step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var what = step.Intensity switch
        {
            PlannedStepIntensity.Warmup => "Warm up",
            PlannedStepIntensity.Cooldown => "Cool down",
            PlannedStepIntensity.Recovery => "Recovery",
            PlannedStepIntensity.Rest => "Rest",
            PlannedStepIntensity.Interval => "Interval",
            _ => "Run",
        };
        var amount = step.Duration switch
        {
            TimeDuration t => Core.Plans.Pace.FormatDuration(t.Seconds),
            DistanceDuration d when d.Metres >= 1000 && d.Metres % 100 == 0 => (d.Metres / 1000).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " km",
            DistanceDuration d => d.Metres.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " m",
            _ => "lap button",
        };
        return what + " " + amount;
    }
}
