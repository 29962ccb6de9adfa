using Coopah.Core.Fit;
using Coopah.Core.Garmin.Push;

namespace Coopah.Core.Matching;

/// <summary>Tuning and diagnostics for <see cref="IntervalReconstructor"/>.</summary>
/// <param name="Interpolant">How distance is interpolated between samples.</param>
/// <param name="IgnoreFit">Reconstruct from the details even when a FIT file is given (to measure the details path).</param>
public sealed record IntervalReconstructionOptions(
    DistanceInterpolant Interpolant = DistanceInterpolant.SpeedAware, bool IgnoreFit = false)
{
    public static IntervalReconstructionOptions Default { get; } = new();
}

/// <summary>
/// Rebuilds the executed intervals of a run from the best source it has (see <see cref="IntervalSource"/>): the FIT
/// file's laps joined by <c>wkt_step_index</c>, else the plan laid over the FIT records or the details samples with
/// the laps as constraints. With an empty plan (an unplanned run) the device laps are returned as splits and there
/// are no intervals: without a plan there is nothing to call a step.
/// </summary>
public static class IntervalReconstructor
{
    /// <param name="plan">The executed steps of the matched session (empty for an unplanned run).</param>
    /// <param name="details">The activityDetails item (samples and lap starts), when it has arrived.</param>
    /// <param name="fit">The decoded FIT activity file, when it has arrived.</param>
    /// <param name="options">Interpolation and diagnostics; null for the defaults.</param>
    public static IntervalReconstruction Reconstruct(
        IReadOnlyList<PlannedInterval> plan, GarminActivityDetail? details, FitActivity? fit, IntervalReconstructionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        options ??= IntervalReconstructionOptions.Default;
        RunData? run = null;
        if (fit is not null && !options.IgnoreFit)
        {
            run = RunData.FromFit(fit, options.Interpolant);
        }

        if (run is null && details is not null)
        {
            run = RunData.FromDetails(details, options.Interpolant);
        }

        if (run is null)
        {
            return IntervalReconstruction.Empty;
        }

        if (plan.Count == 0)
        {
            return new IntervalReconstruction(run.LapSource, [], Splits(run, run.Marks, run.PhaseMid), Trace(run, run.PhaseMid),
                ["unplanned run: device laps are splits"]);
        }

        if (run.StepLaps is { } stepLaps && stepLaps.Any(l => l.WktStepIndex is not null))
        {
            return FitStepReconstruction.Reconstruct(plan, run, stepLaps);
        }

        return Overlay(plan, run);
    }

    private static IntervalReconstruction Overlay(IReadOnlyList<PlannedInterval> plan, RunData run)
    {
        AutoLaps.Classify(run.Marks, run.Series);
        var result = PlanOverlay.Solve(plan, run.Series, run.Marks, run.PhaseDomain, run.End);
        var phase = result.Phase;
        var intervals = new List<ExecutedInterval>();
        var b = result.Boundaries;
        var stepSource = run.Marks.Any(m => !m.Auto)
            ? (run.IsFit ? IntervalSource.FitLaps : IntervalSource.DetailsInterpolated)
            : IntervalSource.PlanOverlay;
        for (var k = 0; k < result.ExecutedSteps; k++)
        {
            var source = stepSource;
            if (run.IsFit && !(IsExactOrStart(b[k], k) && IsExactOrStart(b[k + 1], k + 1)))
            {
                source = IntervalSource.PlanOverlay;
            }

            var timer = TimerOf(b[k + 1], phase) - TimerOf(b[k], phase);
            if (plan[k].PlannedSeconds is { } planned && b[k + 1].ExactTimer is null && !(k == result.ExecutedSteps - 1 && !result.HasAfterWorkout))
            {
                timer = planned;
            }

            intervals.Add(Interval(run, plan[k].Index, b[k], b[k + 1], timer, source, phase));
        }

        if (result.HasAfterWorkout)
        {
            var last = b[^1];
            intervals.Add(Interval(run, null, last, result.End, TimerOf(result.End, phase) - TimerOf(last, phase), stepSource, phase));
        }

        var usedMarks = b.Select(x => x.Mark).OfType<LapMark>().ToHashSet();
        var splits = Splits(run, run.Marks.Where(m => !usedMarks.Contains(m)).ToList(), phase);
        var best = intervals.Count == 0 ? stepSource : intervals.Min(i => i.Source);
        return new IntervalReconstruction(best, intervals, splits, Trace(run, phase), result.Notes);
    }

    private static bool IsExactOrStart(Boundary b, int k) => k == 0 || b.ExactTimer is not null;

    internal static double TimerOf(Boundary b, double phase) => b.ExactTimer ?? b.U - phase;

    internal static ExecutedInterval Interval(RunData run, int? step, Boundary from, Boundary to, double timer, IntervalSource source, double phase)
    {
        var (avg, max) = run.Series.HeartRateOver(from.U, to.U);
        var elapsed = run.Series.ClockOf(to.U) - run.Series.ClockOf(from.U);
        if (elapsed < timer)
        {
            elapsed = timer;
        }

        return new ExecutedInterval(
            step, run.StartSecond + run.Series.ClockOf(from.U), Math.Round(TimerOf(from, phase), 4), Math.Round(timer, 4), Math.Round(elapsed, 4),
            Math.Round(to.Distance - from.Distance, 4), avg, max, source);
    }

    /// <summary>Laps that are not steps, each running to the next lap (or the end of the run).</summary>
    internal static List<LapSplit> Splits(RunData run, IReadOnlyList<LapMark> marks, double phase)
    {
        var all = run.Marks.OrderBy(m => m.Lo).ToList();
        var splits = new List<LapSplit>();
        var endU = run.End.ExactTimer is { } et ? et + phase : (run.End.Window(phase).Lo + run.End.Window(phase).Hi) / 2;
        var starts = new List<(double U, double? Timer, double? Distance)> { (phase, 0, 0) };
        starts.AddRange(all.Select(m => (AutoU(m, run), m.ExactTimer, m.ExactDistance)));
        var wanted = marks.ToHashSet();
        for (var i = 0; i < starts.Count; i++)
        {
            if (i > 0 && !wanted.Contains(all[i - 1]))
            {
                continue;
            }

            if (i == 0 && marks.Count != all.Count)
            {
                continue;
            }

            var (u0, t0, d0) = starts[i];
            var (u1, t1, d1) = i + 1 < starts.Count ? starts[i + 1] : (endU, run.End.ExactTimer, run.End.Distance);
            var dist0 = d0 ?? run.Series.DistanceAt(u0);
            var dist1 = d1 ?? run.Series.DistanceAt(u1);
            var timer = (t1 ?? u1 - phase) - (t0 ?? u0 - phase);
            splits.Add(new LapSplit(splits.Count + 1, run.StartSecond + run.Series.ClockOf(u0), u0 - phase, Math.Round(timer, 3),
                Math.Round(dist1 - dist0, 2), run.Series.HeartRateOver(u0, u1).Average));
        }

        return splits;
    }

    private static double AutoU(LapMark m, RunData run) => m.Auto && m.AutoDistance is { } d
        ? Math.Clamp(run.Series.UAtDistance(d, m.Lo - 1) ?? m.Mid, m.Lo, m.Hi)
        : m.IsExact ? m.Lo : m.Mid;

    internal static List<TracePoint> Trace(RunData run, double phase)
    {
        var s = run.Series;
        var trace = new List<TracePoint>(s.Count);
        for (var i = 0; i < s.Count; i++)
        {
            trace.Add(new TracePoint(Math.Max(0, Math.Round(s.U[i] - phase, 3)), s.D[i], s.Speed[i], s.HeartRate[i]));
        }

        return trace;
    }
}
