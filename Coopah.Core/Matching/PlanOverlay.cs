using System.Globalization;
using Coopah.Core.Garmin.Training;

namespace Coopah.Core.Matching;

/// <summary>
/// A lap start as a constraint on the run axis: the exact boundary lies in [<see cref="Lo"/>, <see cref="Hi"/>]
/// (a whole-second lap start gives a 1 s window; a FIT lap gives a point with its exact timer and distance).
/// </summary>
internal sealed record LapMark(int Number, double Lo, double Hi, double? ExactTimer, double? ExactDistance)
{
    public bool IsExact => ExactTimer is not null;

    public double Mid => (Lo + Hi) / 2;

    /// <summary>An auto-lap (uniform distance): a split, never a step boundary.</summary>
    public bool Auto { get; set; }

    /// <summary>For an auto-lap: the distance it was triggered at.</summary>
    public double? AutoDistance { get; set; }

    public double DistanceTo(double u) => u < Lo ? Lo - u : u > Hi ? u - Hi : 0;
}

/// <summary>Where the run ends: a run-axis window (it may depend on the start phase) and the total distance.</summary>
internal sealed record RunEnd(Func<double, (double Lo, double Hi)> Window, double Distance, double? ExactTimer);

/// <summary>One solved boundary: run-axis point, distance, and the exact timer when a FIT lap gave it.</summary>
internal readonly record struct Boundary(double U, double Distance, double? ExactTimer, LapMark? Mark);

/// <summary>The solved overlay: boundaries[k] starts step k; the last one ends the last executed step.</summary>
internal sealed record OverlayResult(
    double Phase, IReadOnlyList<Boundary> Boundaries, int ExecutedSteps, Boundary End, bool HasAfterWorkout, IReadOnlyList<string> Notes);

/// <summary>
/// Lays the planned steps over the distance curve. A time step ends exactly its planned seconds after it started,
/// a distance step exactly where the curve reaches its planned metres; an open step ends at a lap. The unknowns are
/// the start phase (timer start within the first second) and each open step's end: each is solved by scanning its
/// window and keeping the values for which every later closed boundary of its chain falls inside its lap's window.
/// </summary>
internal static class PlanOverlay
{
    private const double Grid = 0.005;

    public static OverlayResult Solve(
        IReadOnlyList<PlannedInterval> plan, RunSeries series, IReadOnlyList<LapMark> marks, (double Lo, double Hi) phaseDomain, RunEnd end)
    {
        var notes = new List<string>();
        var phase0 = (phaseDomain.Lo + phaseDomain.Hi) / 2;
        var endWin0 = end.Window(phase0);
        var endU0 = (endWin0.Lo + endWin0.Hi) / 2;

        // Pass 1: walk the plan once with a central guess to tie each boundary to its lap (or to none: a missed press).
        // An open step's lap may really end the closed step after it (the press ending the open step was missed):
        // both readings are walked and the one that explains the laps better wins.
        var missedOpen = new HashSet<int>();
        var walk = Walk(plan, series, marks, phase0, endU0, missedOpen);
        for (var k = 0; k < walk.Executed - 1; k++)
        {
            if (!plan[k].IsOpen || walk.Assoc[k] is null || plan[k + 1].IsOpen)
            {
                continue;
            }

            var alternative = Walk(plan, series, marks, phase0, endU0, new HashSet<int>(missedOpen) { k });
            if (alternative.Penalty < walk.Penalty)
            {
                missedOpen.Add(k);
                walk = alternative;
            }
        }

        var (assoc, executed, truncated) = (walk.Assoc, walk.Executed, walk.Truncated);
        notes.AddRange(walk.Notes);

        // Pass 2: solve each chain's free variable. Chain heads: the start (phase) and every boundary that is an open
        // step's end or an exact FIT lap.
        var bounds = new double[executed + 1];
        var exactTimer = new double?[executed + 1];
        var exactDistance = new double?[executed + 1];
        var phase = SolveChain(plan, series, assoc, 0, executed, phaseDomain, out var phaseViolation);
        if (phaseViolation > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"start: laps disagree with the plan by {phaseViolation:0.00} s"));
        }
        bounds[0] = phase;
        exactTimer[0] = 0;
        exactDistance[0] = 0; // the distance counter starts with the timer
        var endWin = end.Window(phase);
        var endU = (endWin.Lo + endWin.Hi) / 2;
        if (end.ExactTimer is { } et)
        {
            endU = et + phase;
        }

        // The distance at each boundary, filled in as the boundaries are placed: a distance step's end is measured from
        // its start's distance, and a step change inside a smart-recording gap uses the held-speed model.
        var distances = new double[executed + 1];
        double DistanceOf(int k) => exactDistance[k]
            ?? (k > 0 && plan[k - 1].PlannedMetres is { } metres && !(truncated && k == executed) ? distances[k - 1] + metres
            : k > 0 && k < executed ? series.DistanceAtStepChange(bounds[k], ReactionTo(plan[k]))
            : series.DistanceAt(bounds[k]));

        for (var k = 0; k < executed; k++)
        {
            distances[k] = DistanceOf(k);
            if (k == executed - 1 && (plan[k].IsOpen || truncated))
            {
                bounds[k + 1] = endU;
            }
            else if (assoc[k] is { IsExact: true } exact)
            {
                bounds[k + 1] = exact.Lo;
                exactTimer[k + 1] = exact.ExactTimer;
                exactDistance[k + 1] = exact.ExactDistance;
            }
            else if (plan[k].IsOpen)
            {
                // An open step's end is the head of the chain after it.
                var lap = assoc[k];
                var domain = lap is not null ? (lap.Lo, lap.Hi)
                    : missedOpen.Contains(k) && assoc[k + 1] is { } after && Back(plan[k + 1], series, after.Lo) is { } lo
                        && Back(plan[k + 1], series, after.Hi) is { } hi && hi >= lo ? (lo, hi)
                    : (bounds[k] + 1, Math.Max(bounds[k] + 1, endU - 1));
                bounds[k + 1] = SolveChain(plan, series, assoc, k + 1, executed, domain, out var violation);
                if (violation > 0)
                {
                    notes.Add(string.Create(CultureInfo.InvariantCulture, $"step {k}: laps after it disagree with the plan by {violation:0.00} s"));
                }
            }
            else
            {
                bounds[k + 1] = (plan[k].Duration is DistanceDuration d
                    ? series.UAtDistance(distances[k] + d.Metres, bounds[k])
                    : Advance(plan[k], series, bounds[k])) ?? endU;
            }
        }

        distances[executed] = DistanceOf(executed);
        var boundaries = new List<Boundary>(executed + 1);
        for (var k = 0; k <= executed; k++)
        {
            boundaries.Add(new Boundary(bounds[k], distances[k], exactTimer[k], k > 0 ? assoc[k - 1] : null));
        }

        var last = boundaries[^1];
        var endB = new Boundary(Math.Max(endU, last.U), Math.Max(end.Distance, last.Distance), end.ExactTimer, null);
        var hasAfter = !truncated && !plan[executed - 1].IsOpen && endB.U - last.U >= 0.5;
        if (!hasAfter)
        {
            // The last step runs to the end of the recording.
            boundaries[^1] = endB with { U = Math.Max(endB.U, boundaries[^2].U) };
        }

        return new OverlayResult(phase, boundaries, executed, endB, hasAfter, notes);
    }

    private sealed record WalkResult(LapMark?[] Assoc, int Executed, bool Truncated, int Penalty, List<string> Notes);

    /// <summary>
    /// Ties boundaries to laps along the plan from a central guess. Penalty: closed boundaries without a lap, plus
    /// more for a plan the run ends before completing.
    /// </summary>
    private static WalkResult Walk(
        IReadOnlyList<PlannedInterval> plan, RunSeries series, IReadOnlyList<LapMark> marks, double phase0, double endU0, IReadOnlySet<int> missedOpen)
    {
        var notes = new List<string>();
        var assoc = new LapMark?[plan.Count];
        var used = new HashSet<LapMark>();
        var u = phase0;
        var executed = 0;
        var truncated = false;
        var penalty = 0;
        for (var k = 0; k < plan.Count; k++)
        {
            executed = k + 1;
            var isLast = k == plan.Count - 1;
            double? next;
            if (plan[k].IsOpen)
            {
                var lap = isLast ? null : marks.FirstOrDefault(m => !m.Auto && !used.Contains(m) && m.Lo > u + 0.5 && m.Lo < endU0 - 0.5);
                if (lap is null)
                {
                    if (!isLast)
                    {
                        notes.Add($"step {k}: open step without a lap; ended at the end of the run");
                        penalty++;
                    }

                    next = endU0;
                }
                else if (missedOpen.Contains(k) && Back(plan[k + 1], series, lap.Mid) is { } back && back > u + 0.5)
                {
                    // The lap ends step k + 1; step k ends the plan's length of k + 1 before it.
                    notes.Add($"step {k}: no lap at its end (missed lap press); placed back from the next lap by the plan");
                    next = back;
                }
                else
                {
                    assoc[k] = lap;
                    used.Add(lap);
                    next = lap.Mid;
                }
            }
            else
            {
                next = Advance(plan[k], series, u);
                if (next is null || next >= endU0 + 1)
                {
                    truncated = true;
                    penalty += 3;
                    next = endU0;
                }
                else
                {
                    // Auto-lap look-alikes count here: a 1 km step's lap is 1 km after the previous one.
                    var cand = marks.Where(m => !used.Contains(m) && m.DistanceTo(next.Value) <= 2.0)
                        .OrderBy(m => m.DistanceTo(next.Value)).FirstOrDefault();
                    if (cand is not null)
                    {
                        assoc[k] = cand;
                        used.Add(cand);
                        next = Math.Clamp(next.Value, cand.Lo, cand.Hi);
                    }
                    else if (!isLast && marks.Count > 0 && marks.Any(m => !m.Auto))
                    {
                        notes.Add($"step {k}: no lap at its end (missed lap press?); ended by the plan");
                        penalty++;
                    }
                }
            }

            u = next!.Value;
            if (truncated || u >= endU0 - 1e-6)
            {
                if (truncated)
                {
                    notes.Add($"step {k}: the run ended before the step did");
                }

                break;
            }
        }

        return new WalkResult(assoc, executed, truncated, penalty, notes);
    }

    /// <summary>Where a closed step that ends at u started; null when the curve does not say.</summary>
    internal static double? Back(PlannedInterval step, RunSeries series, double u) => step.Duration switch
    {
        TimeDuration t => u - t.Seconds,
        DistanceDuration d => series.UAtDistance(series.DistanceAt(u) - d.Metres, 0),
        _ => null,
    };

    /// <summary>The planned end of a closed step that starts at u; null when the curve never gets there.</summary>
    internal static double? Advance(PlannedInterval step, RunSeries series, double u) => step.Duration switch
    {
        TimeDuration t => u + t.Seconds,
        DistanceDuration d => series.UAtDistance(series.DistanceAt(u) + d.Metres, u),
        _ => null,
    };

    /// <summary>
    /// Scans the head's window: for each candidate start, chains the closed steps that follow (up to the next open
    /// step or exact lap) and measures how far their ends fall outside their laps' windows. Returns the middle of
    /// the best (ideally violation-free) candidates.
    /// </summary>
    private static double SolveChain(
        IReadOnlyList<PlannedInterval> plan, RunSeries series, LapMark?[] assoc, int first, int executed, (double Lo, double Hi) domain,
        out double violation)
    {
        var (lo, hi) = domain;
        if (hi - lo < Grid)
        {
            violation = 0;
            return (lo + hi) / 2;
        }

        var n = (int)Math.Min(4000, Math.Ceiling((hi - lo) / Grid));
        var best = double.MaxValue;
        double bestLo = lo, bestHi = hi;
        var any = false;
        for (var i = 0; i <= n; i++)
        {
            var v = lo + (hi - lo) * i / n;
            var cost = 0.0;
            var u = v;
            for (var k = first; k < executed; k++)
            {
                if (plan[k].IsOpen || (assoc[k]?.IsExact ?? false))
                {
                    break;
                }

                if (Advance(plan[k], series, u) is not { } next)
                {
                    break;
                }

                if (assoc[k] is { } m)
                {
                    cost += m.DistanceTo(next);
                }

                u = next;
            }

            if (!any || cost < best - 1e-9)
            {
                best = cost;
                bestLo = v;
                bestHi = v;
                any = true;
            }
            else if (Math.Abs(cost - best) <= 1e-9)
            {
                bestHi = v;
            }
        }

        violation = best;
        var mid = (bestLo + bestHi) / 2;
        if (bestHi - bestLo > 0.3 && Reaction(plan, series, assoc, first, executed, mid) is { } fromReaction)
        {
            // Inside what the laps allow, prefer what the runner's reactions to the step changes say.
            return Math.Clamp(fromReaction, bestLo, bestHi);
        }

        return mid;
    }

    /// <summary>Mean reaction of a runner to the watch's step change (s): sooner after a time step's beep.</summary>
    internal const double ReactionToTimeStep = 0.45;

    internal const double ReactionToOtherStep = 0.8;

    /// <summary>How long after the watch starts <paramref name="step"/> the runner's speed starts to change.</summary>
    internal static double ReactionTo(PlannedInterval step) => step.Duration is TimeDuration ? ReactionToTimeStep : ReactionToOtherStep;

    /// <summary>
    /// Estimates the chain head from the speed changes at the chain's boundaries: each step change shows in the speed
    /// a reaction time after the beep, so head = onset - reaction - (boundary - head). Median over the boundaries.
    /// </summary>
    private static double? Reaction(
        IReadOnlyList<PlannedInterval> plan, RunSeries series, LapMark?[] assoc, int first, int executed, double head)
    {
        var estimates = new List<double>();
        var u = head;
        for (var k = first; k < executed; k++)
        {
            if (series.SpeedChangeOnset(u) is { } onset)
            {
                estimates.Add(onset - ReactionTo(plan[k]) - (u - head));
            }

            // Only through time steps: there a boundary moves exactly with the head.
            if (plan[k].Duration is not TimeDuration t || (assoc[k]?.IsExact ?? false))
            {
                break;
            }

            u += t.Seconds;
        }

        if (estimates.Count < 3)
        {
            return null;
        }

        estimates.Sort();
        return estimates[estimates.Count / 2];
    }
}
