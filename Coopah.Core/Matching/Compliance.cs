using Coopah.Core.Garmin.Training;

namespace Coopah.Core.Matching;

/// <summary>Compliance colours, as coaches know them from TrainingPeaks; Grey is a missed session.</summary>
public enum ComplianceColour
{
    Grey,
    Green,
    Yellow,
    Red,
}

/// <summary>How one interval went against its step.</summary>
/// <param name="StepIndex">The planned step (null: after the workout).</param>
/// <param name="AchievedRatio">Actual / planned duration or distance; null for an open (lap-press) step.</param>
/// <param name="TimeInTarget">Share (0-1) of the timer time inside the pace band with its tolerance; null without a pace target or samples.</param>
/// <param name="Score">0-100.</param>
/// <param name="Colour">Green, yellow or red by the score.</param>
public sealed record IntervalCompliance(int? StepIndex, double? AchievedRatio, double? TimeInTarget, int Score, ComplianceColour Colour);

/// <summary>How a whole session went.</summary>
/// <param name="CompletionPercent">Timer time of the executed planned steps against the planned duration, in percent.</param>
/// <param name="TimeInTarget">Timer-weighted share in the pace band over the steps with a pace target; null when none has one.</param>
/// <param name="Score">0-100.</param>
/// <param name="Colour">The worse of the completion band and the pace band.</param>
/// <param name="Intervals">Per executed interval, in order.</param>
public sealed record SessionCompliance(
    int CompletionPercent, double? TimeInTarget, int Score, ComplianceColour Colour, IReadOnlyList<IntervalCompliance> Intervals);

/// <summary>
/// Scores runs against their sessions. The rules are in <see cref="Help"/> so the UI shows exactly what is applied.
/// </summary>
public static class ComplianceRules
{
    /// <summary>Pace tolerance on a work step (interval, active): a rep too slow matters more than one too fast.</summary>
    public const double WorkFastTolerance = 0.03;

    /// <summary>See <see cref="WorkFastTolerance"/>.</summary>
    public const double WorkSlowTolerance = 0.015;

    /// <summary>Pace tolerance on an easy step (warm-up, recovery, rest, cool-down): slower than planned is fine.</summary>
    public const double EasyFastTolerance = 0.03;

    /// <summary>See <see cref="EasyFastTolerance"/>.</summary>
    public const double EasySlowTolerance = 0.10;

    /// <summary>Pace is judged over this window of timer time, so GPS jitter in one sample does not count.</summary>
    public const double PaceWindowSeconds = 10;

    public const string Help =
        "Each interval: the duration or distance achieved against the plan, and the share of its timer time spent inside " +
        "the pace band (pace over 10 s). The band is widened by 3 % on the fast side and 1.5 % on the slow side for reps " +
        "(a slow rep matters more), and by 3 % fast / 10 % slow for warm-up, recovery and cool-down (an easy jog may be slower). " +
        "Interval score = the achieved ratio (100 within 95-105 %, falling to 0 at 50 % or 150 %), times the time in band " +
        "when the step has a pace target. Session completion = timer time of the planned steps against the planned duration. " +
        "Colour: green 80-120 % completion, yellow 50-79 % or 121-150 %, red below or above; a session whose pace steps spent " +
        "under 70 % of their time in band drops to yellow, under 40 % to red. Grey = missed. Score = the timer-weighted mean " +
        "of the interval scores, times the completion factor.";

    public static SessionCompliance Score(
        IReadOnlyList<PlannedInterval> plan, IReadOnlyList<ExecutedInterval> intervals, IReadOnlyList<TracePoint> trace, double plannedSeconds)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(intervals);
        ArgumentNullException.ThrowIfNull(trace);
        var scored = intervals.Select(i => ScoreInterval(i.StepIndex is { } s && s < plan.Count ? plan[s] : null, i, trace)).ToList();

        var planned = intervals.Zip(scored).Where(p => p.First.StepIndex is not null).ToList();
        var actualSeconds = planned.Sum(p => p.First.TimerDurationInSeconds);
        if (planned.Count == 0)
        {
            // No step structure (summary only, or an unstructured run): the whole run against the plan.
            actualSeconds = intervals.Sum(i => i.TimerDurationInSeconds);
        }

        var completion = plannedSeconds > 0 ? actualSeconds / plannedSeconds : 1;
        var paced = planned.Where(p => p.Second.TimeInTarget is not null).ToList();
        double? inTarget = paced.Count == 0 || paced.Sum(p => p.First.TimerDurationInSeconds) <= 0
            ? null
            : paced.Sum(p => p.Second.TimeInTarget!.Value * p.First.TimerDurationInSeconds) / paced.Sum(p => p.First.TimerDurationInSeconds);

        var weight = planned.Sum(p => p.First.TimerDurationInSeconds);
        var stepScore = weight > 0 ? planned.Sum(p => p.Second.Score * p.First.TimerDurationInSeconds) / weight : 100.0 * (inTarget ?? 1);
        var missingSteps = plan.Count - planned.Select(p => p.First.StepIndex).Distinct().Count();
        if (plan.Count > 0 && planned.Count > 0 && missingSteps > 0)
        {
            // Steps never reached (the run stopped early) score zero.
            stepScore *= (double)(plan.Count - missingSteps) / plan.Count;
        }

        var score = (int)Math.Round(Math.Clamp(stepScore * CompletionFactor(completion), 0, 100));
        var colour = Worse(CompletionColour(completion), inTarget is { } share ? PaceColour(share) : ComplianceColour.Green);
        return new SessionCompliance((int)Math.Round(completion * 100), inTarget, score, colour, scored);
    }

    /// <summary>TrainingPeaks' bands on completion: green 80-120 %, yellow 50-79 % / 121-150 %, red beyond.</summary>
    public static ComplianceColour CompletionColour(double completion)
    {
        var percent = Math.Round(completion * 100);
        return percent switch
        {
            >= 80 and <= 120 => ComplianceColour.Green,
            >= 50 and <= 150 => ComplianceColour.Yellow,
            _ => ComplianceColour.Red,
        };
    }

    public static ComplianceColour PaceColour(double timeInTarget) => timeInTarget switch
    {
        >= 0.7 => ComplianceColour.Green,
        >= 0.4 => ComplianceColour.Yellow,
        _ => ComplianceColour.Red,
    };

    public static ComplianceColour ScoreColour(int score) => score switch
    {
        >= 80 => ComplianceColour.Green,
        >= 50 => ComplianceColour.Yellow,
        _ => ComplianceColour.Red,
    };

    public static IntervalCompliance ScoreInterval(PlannedInterval? step, ExecutedInterval interval, IReadOnlyList<TracePoint> trace)
    {
        ArgumentNullException.ThrowIfNull(interval);
        ArgumentNullException.ThrowIfNull(trace);
        if (step is null)
        {
            return new IntervalCompliance(interval.StepIndex, null, null, 100, ComplianceColour.Green);
        }

        double? achieved = step.Duration switch
        {
            TimeDuration t when t.Seconds > 0 => interval.TimerDurationInSeconds / t.Seconds,
            DistanceDuration d when d.Metres > 0 => interval.DistanceInMeters / d.Metres,
            _ => null,
        };
        var inTarget = step.PaceBand is { } band
            ? TimeInBand(trace, interval.StartTimerSeconds, interval.StartTimerSeconds + interval.TimerDurationInSeconds, band, IsWork(step.Intensity))
                ?? WholeIntervalInBand(interval, band, IsWork(step.Intensity))
            : null;
        var score = 100 * (achieved is { } ratio ? VolumeFactor(ratio) : 1) * (inTarget ?? 1);
        var rounded = (int)Math.Round(Math.Clamp(score, 0, 100));
        return new IntervalCompliance(interval.StepIndex, achieved, inTarget, rounded, ScoreColour(rounded));
    }

    /// <summary>1 within 95-105 %, linearly down to 0 at 50 % and 150 %.</summary>
    public static double VolumeFactor(double ratio) => ratio switch
    {
        >= 0.95 and <= 1.05 => 1,
        < 0.95 => Math.Max(0, (ratio - 0.5) / 0.45),
        _ => Math.Max(0, (1.5 - ratio) / 0.45),
    };

    /// <summary>1 inside the green completion band, falling to 0 at 0 % and 200 %.</summary>
    private static double CompletionFactor(double completion) => completion switch
    {
        >= 0.8 and <= 1.2 => 1,
        < 0.8 => Math.Max(0, completion / 0.8),
        _ => Math.Max(0, (2 - completion) / 0.8),
    };

    private static bool IsWork(PlannedStepIntensity intensity) => intensity is PlannedStepIntensity.Interval or PlannedStepIntensity.Active;

    /// <summary>Whether a pace (s/km) is inside the band widened by the step's asymmetric tolerance.</summary>
    public static bool InBand(double paceSecondsPerKm, (double Fast, double Slow) band, bool work)
    {
        var fastLimit = band.Fast * (1 - (work ? WorkFastTolerance : EasyFastTolerance));
        var slowLimit = band.Slow * (1 + (work ? WorkSlowTolerance : EasySlowTolerance));
        return paceSecondsPerKm >= fastLimit && paceSecondsPerKm <= slowLimit;
    }

    /// <summary>
    /// Share of [from, to) on the timer axis whose windowed pace is inside the band. The trace is piecewise linear in
    /// distance, so each slice between trace points is judged by the pace over the window centred on it.
    /// </summary>
    private static double? TimeInBand(IReadOnlyList<TracePoint> trace, double from, double to, (double Fast, double Slow) band, bool work)
    {
        if (trace.Count < 2 || to - from < 1)
        {
            return null;
        }

        var inside = 0.0;
        var total = 0.0;
        const double Slice = 1.0;
        for (var t = from; t < to; t += Slice)
        {
            var end = Math.Min(to, t + Slice);
            var mid = (t + end) / 2;
            var windowStart = Math.Max(from, mid - (PaceWindowSeconds / 2));
            var windowEnd = Math.Min(to, mid + (PaceWindowSeconds / 2));
            var metres = DistanceAt(trace, windowEnd) - DistanceAt(trace, windowStart);
            var seconds = windowEnd - windowStart;
            total += end - t;
            if (metres > 0.5 && InBand(seconds / metres * 1000, band, work))
            {
                inside += end - t;
            }
        }

        return total > 0 ? inside / total : null;
    }

    private static double? WholeIntervalInBand(ExecutedInterval interval, (double Fast, double Slow) band, bool work) =>
        interval.AveragePaceSecondsPerKm is { } pace ? (InBand(pace, band, work) ? 1 : 0) : null;

    /// <summary>Distance at a timer time, linear between trace points.</summary>
    public static double DistanceAt(IReadOnlyList<TracePoint> trace, double timer)
    {
        ArgumentNullException.ThrowIfNull(trace);
        if (trace.Count == 0)
        {
            return 0;
        }

        if (timer <= trace[0].TimerSeconds)
        {
            return trace[0].DistanceInMeters;
        }

        if (timer >= trace[^1].TimerSeconds)
        {
            return trace[^1].DistanceInMeters;
        }

        var lo = 0;
        var hi = trace.Count - 1;
        while (hi - lo > 1)
        {
            var mid = (lo + hi) / 2;
            if (trace[mid].TimerSeconds <= timer)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        var a = trace[lo];
        var b = trace[hi];
        var span = b.TimerSeconds - a.TimerSeconds;
        return span <= 0 ? b.DistanceInMeters : a.DistanceInMeters + ((b.DistanceInMeters - a.DistanceInMeters) * (timer - a.TimerSeconds) / span);
    }

    private static ComplianceColour Worse(ComplianceColour a, ComplianceColour b) => (ComplianceColour)Math.Max((int)a, (int)b);
}
