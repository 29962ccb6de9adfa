using Coopah.Core.Fit;
using Coopah.Core.Garmin.Push;
using Coopah.Core.Garmin.Training;
using Coopah.Core.Matching;

namespace Coopah.Web.Tests.Core.Matching;

/// <summary>
/// A hand-made run at a constant 4 m/s (so every boundary is known in closed form): the timer starts 0.25 s after
/// the whole second S; steps: 100 s warm-up, 2 x (800 m, 60 s), 120 s cool-down, then 10 s after the workout.
/// Timer boundaries 0, 100, 300, 360, 560, 620, 740 | 750; distances 0, 400, 1200, 1440, 2240, 2480, 2960 | 3000.
/// </summary>
internal static class SyntheticRun
{
    public const long S = 1_700_000_000;
    public const double Phase = 0.25;
    public const double Speed = 4.0;
    public static readonly double[] Timers = [0, 100, 300, 360, 560, 620, 740, 750];
    public static readonly double[] Distances = [0, 400, 1200, 1440, 2240, 2480, 2960, 3000];

    public static PlannedWorkout Workout { get; } = new("Synthetic", "CP1", null,
    [
        new PlannedStep(PlannedStepIntensity.Warmup, PlannedDuration.Time(100), PlannedTarget.Open),
        new PlannedRepeat(2,
        [
            new PlannedStep(PlannedStepIntensity.Interval, PlannedDuration.Distance(800), PlannedTarget.PaceRange(260, 240)),
            new PlannedStep(PlannedStepIntensity.Recovery, PlannedDuration.Time(60), PlannedTarget.Open),
        ]),
        new PlannedStep(PlannedStepIntensity.Cooldown, PlannedDuration.Time(120), PlannedTarget.Open),
    ]);

    public static IReadOnlyList<PlannedInterval> Plan => WorkoutExpansion.Expand(Workout);

    /// <summary>FIT step indexes of the executed steps (the repeat step is 3).</summary>
    public static readonly int[] FitIndexes = [0, 1, 2, 1, 2, 4];

    private static DateTime Utc(double unix) => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(unix * 1000)).UtcDateTime;

    /// <summary>Clock (seconds after S) at a timer value, with an optional pause (at timer, length).</summary>
    public static double Clock(double timer, (double At, double Length)? pause = null) =>
        Phase + timer + (pause is { } p && timer > p.At ? p.Length : 0);

    public static FitLap Lap(double fromTimer, double toTimer, int? wktStepIndex, string trigger = "time", (double At, double Length)? pause = null)
    {
        var start = Clock(fromTimer, pause);
        var end = Clock(toTimer, pause);
        return new FitLap(Utc(S + Math.Floor(start)), Utc(S + Math.Floor(end)), Math.Round(end - start, 3), toTimer - fromTimer,
            Math.Round(Speed * (toTimer - fromTimer), 2), Speed, Speed, 150, 160, "running", null, trigger, null, wktStepIndex, "lap", "stop", null);
    }

    /// <summary>Laps at every step boundary, the last one (after the workout) without a step index.</summary>
    public static List<FitLap> StepLaps(bool withIndex = true)
    {
        var laps = new List<FitLap>();
        for (var k = 0; k < Timers.Length - 1; k++)
        {
            laps.Add(Lap(Timers[k], Timers[k + 1], withIndex && k < FitIndexes.Length ? FitIndexes[k] : null, k == Timers.Length - 2 ? "session_end" : "time"));
        }

        return laps;
    }

    public static FitActivity Fit(IReadOnlyList<FitLap> laps, (double At, double Length)? pause = null)
    {
        var records = new FitRecordList();
        var total = Timers[^1];
        var endClock = Clock(total, pause);
        for (var c = 0; c <= Math.Floor(endClock); c++)
        {
            if (pause is { } p && c > Clock(p.At) && c < Clock(p.At) + p.Length)
            {
                continue;
            }

            var timer = TimerAt(c, pause);
            records.Append(FitRecord.At(Utc(S + c), distanceMeters: Math.Round(Speed * timer, 2), speed: Speed, heartRate: 150));
        }

        var events = new List<FitEvent> { new(Utc(S), "timer", "start", 0, 0) };
        if (pause is { } q)
        {
            events.Add(new FitEvent(Utc(S + Math.Floor(Clock(q.At))), "timer", "stop_all", 0, 0));
            events.Add(new FitEvent(Utc(S + Math.Floor(Clock(q.At) + q.Length)), "timer", "start", 0, 0));
        }

        events.Add(new FitEvent(Utc(S + Math.Floor(endClock)), "timer", "stop_all", 0, 0));
        var session = new FitSession(Utc(S), Utc(S + Math.Floor(endClock)), endClock - Phase, total, Speed * total, Speed, Speed, 150, 160,
            "running", null, 0, laps.Count, "activity_end", "session", "stop", 0);
        return new FitActivity(null, [session], laps, records, events, null);
    }

    public static double TimerAt(double clock, (double At, double Length)? pause = null)
    {
        var t = Math.Max(0, clock - Phase);
        if (pause is { } p && t > p.At)
        {
            t = Math.Max(p.At, t - p.Length);
        }

        return t;
    }

    /// <summary>The activityDetails item: samples every <paramref name="every"/> s (plus the last), whole-second lap starts.</summary>
    public static GarminActivityDetail Details(int every = 5, bool stepLaps = true, IEnumerable<double>? lapTimers = null, (double At, double Length)? pause = null)
    {
        var endClock = Clock(Timers[^1], pause);
        var samples = new List<GarminActivitySample>();
        var last = (long)Math.Floor(endClock);
        for (long c = 0; c <= last; c++)
        {
            var inPause = pause is { } p && c > Clock(p.At) && c < Clock(p.At) + p.Length;
            var edge = pause is { } p2 && (c == (long)Math.Floor(Clock(p2.At)) || c == (long)Math.Ceiling(Clock(p2.At) + p2.Length));
            if (inPause || (c % every != 0 && c != last && !edge))
            {
                continue;
            }

            var timer = TimerAt(c, pause);
            samples.Add(new GarminActivitySample
            {
                StartTimeInSeconds = S + c, TotalDistanceInMeters = Math.Round(Speed * timer, 2), SpeedMetersPerSecond = c == 0 ? 0 : Speed,
                HeartRate = 150, TimerDurationInSeconds = Math.Round(timer, MidpointRounding.AwayFromZero), ClockDurationInSeconds = c,
            });
        }

        var laps = (lapTimers ?? (stepLaps ? Timers[..^1] : [0])).Select(t => new GarminActivityLap { StartTimeInSeconds = S + (long)Math.Floor(Clock(t, pause) + (t == 0 ? -Phase : 0)) });
        return new GarminActivityDetail
        {
            UserId = "u1",
            Summary = new GarminActivitySummary { StartTimeInSeconds = S, DurationInSeconds = (long)Math.Round(Timers[^1]), DistanceInMeters = Distances[^1] },
            Samples = samples,
            Laps = laps.ToList(),
        };
    }
}
