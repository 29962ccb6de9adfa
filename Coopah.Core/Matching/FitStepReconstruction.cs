using Coopah.Core.Garmin.Training;

namespace Coopah.Core.Matching;

/// <summary>
/// Source 1: FIT laps joined to the executed steps by <c>wkt_step_index</c>. Laps of one step (auto-laps, a
/// mis-pressed lap key) add up; a lap without a step index after the last step is the stretch after the workout;
/// steps that got no lap of their own (a missed lap press) are split off the lap they share at the plan's boundary,
/// located on the records' distance curve.
/// </summary>
internal static class FitStepReconstruction
{
    public static IntervalReconstruction Reconstruct(IReadOnlyList<PlannedInterval> plan, RunData run, IReadOnlyList<CumulativeLap> laps)
    {
        var notes = new List<string>();
        var phase = run.PhaseMid;
        var firstLap = new int?[plan.Count];
        var lapCount = new int[plan.Count];
        var afterFrom = -1;
        var k = -1;
        for (var i = 0; i < laps.Count; i++)
        {
            var lap = laps[i];
            if (lap.WktStepIndex is not { } w)
            {
                if (k >= 0 && i == laps.Count - 1 || k == plan.Count - 1)
                {
                    afterFrom = afterFrom < 0 ? i : afterFrom;
                    continue;
                }

                if (k < 0)
                {
                    k = 0;
                    firstLap[0] = i;
                }

                lapCount[k]++;
                notes.Add($"lap {lap.Number}: no step index inside step {k}; merged");
                continue;
            }

            if (afterFrom >= 0)
            {
                notes.Add($"lap {lap.Number}: step index {w} after the workout's end; merged into the stretch after it");
                continue;
            }

            if (k >= 0 && plan[k].FitStepIndex == w && !Complete(plan[k], laps, firstLap[k]!.Value, lapCount[k]))
            {
                // Same step again: an auto-lap or a mis-pressed lap key inside the step.
                lapCount[k]++;
                if (laps[i - 1].Trigger is "manual" || lap.Trigger is "manual")
                {
                    notes.Add($"lap {lap.Number}: extra lap inside step {k}; merged");
                }

                continue;
            }

            var j = k + 1;
            while (j < plan.Count && plan[j].FitStepIndex != w)
            {
                j++;
            }

            if (j >= plan.Count)
            {
                if (k < 0)
                {
                    k = 0;
                    firstLap[0] = i;
                }

                lapCount[k]++;
                notes.Add($"lap {lap.Number}: step index {w} not expected here; merged into step {k}");
                continue;
            }

            if (k < 0 && j > 0)
            {
                notes.Add($"steps 0-{j - 1} have no lap; the recording starts at step {j}");
            }

            k = j;
            firstLap[k] = i;
            lapCount[k] = 1;
        }

        var lastStep = k;
        var boundaries = new Boundary?[plan.Count + 1];
        for (var s = 0; s <= lastStep; s++)
        {
            if (firstLap[s] is { } f)
            {
                var lap = laps[f];
                boundaries[s] = new Boundary(lap.StartTimer + phase, lap.StartDistance, lap.StartTimer, null);
            }
        }

        var endTimer = laps[^1].StartTimer + laps[^1].Timer;
        var endDistance = laps[^1].StartDistance + laps[^1].Distance;
        var end = new Boundary(endTimer + phase, endDistance, endTimer, null);
        var afterStart = afterFrom >= 0 ? new Boundary(laps[afterFrom].StartTimer + phase, laps[afterFrom].StartDistance, laps[afterFrom].StartTimer, null) : end;
        var approximate = new bool[plan.Count + 1];
        var hasAfter = afterFrom >= 0;
        // The watch ends a closed step exactly at its time or distance, so a last lap that runs past that also holds
        // what came after it (the lap there was missed): the next steps by the plan, or the stretch after the workout.
        while (!hasAfter && lastStep >= 0 && boundaries[lastStep] is { } lastStart
            && PlannedEnd(plan[lastStep], run.Series, lastStart, end) is { } plannedEnd)
        {
            approximate[lastStep + 1] = true;
            notes.Add($"step {lastStep}: its lap runs past the plan (no lap at its end); split at the plan's boundary on the records");
            if (lastStep == plan.Count - 1)
            {
                afterStart = plannedEnd;
                hasAfter = true;
            }
            else
            {
                boundaries[++lastStep] = plannedEnd;
            }
        }

        boundaries[lastStep + 1] = afterStart;

        // Missed lap presses: fill the steps without a boundary from the plan, chained from the last exact one.
        for (var s = 1; s <= lastStep; s++)
        {
            if (boundaries[s] is not null)
            {
                continue;
            }

            var prev = boundaries[s - 1]!.Value;
            var nextExact = s + 1;
            while (boundaries[nextExact] is null)
            {
                nextExact++;
            }

            var limit = boundaries[nextExact]!.Value;
            if (plan[s - 1].IsOpen && Back(plan, run.Series, s, nextExact, limit) is { } back)
            {
                // The step before is open (it ends by the press that was missed): chain back from the next lap instead.
                boundaries[s] = back with { U = Math.Clamp(back.U, prev.U, limit.U) };
                approximate[s] = true;
                notes.Add($"step {s}: no lap at its start (missed lap press); placed back from the next lap by the plan");
                continue;
            }

            var u = PlanOverlay.Advance(plan[s - 1], run.Series, prev.U) ?? (prev.U + limit.U) / 2;
            u = Math.Clamp(u, prev.U, limit.U);
            var distance = plan[s - 1].PlannedMetres is { } m && u < limit.U ? prev.Distance + m : run.Series.DistanceAt(u);
            double? timer = plan[s - 1].PlannedSeconds is { } sec && prev.ExactTimer is { } pt ? pt + sec : null;
            boundaries[s] = new Boundary(u, Math.Min(distance, limit.Distance), timer, null);
            approximate[s] = true;
            notes.Add($"step {s}: no lap at its start (missed lap press); split at the plan's boundary on the records");
        }

        var intervals = new List<ExecutedInterval>();
        for (var s = 0; s <= lastStep; s++)
        {
            if (boundaries[s] is not { } from)
            {
                continue;
            }

            var to = boundaries[s + 1]!.Value;
            var timer = IntervalReconstructor.TimerOf(to, phase) - IntervalReconstructor.TimerOf(from, phase);
            var source = approximate[s] || approximate[s + 1] ? IntervalSource.PlanOverlay : IntervalSource.FitStepLaps;
            var interval = IntervalReconstructor.Interval(run, plan[s].Index, from, to, timer, source, phase);
            if (source == IntervalSource.FitStepLaps && firstLap[s] is { } f)
            {
                // Exact sums of the step's laps (elapsed from the file, not from the records' clock).
                var elapsed = 0.0;
                for (var i = f; i < f + lapCount[s]; i++)
                {
                    elapsed += laps[i].Elapsed;
                }

                interval = interval with { ElapsedDurationInSeconds = Math.Round(elapsed, 3), StartTimeInSeconds = run.StartSecond + phase + laps[f].StartElapsed };
            }

            intervals.Add(interval);
        }

        if (afterFrom >= 0)
        {
            var after = IntervalReconstructor.Interval(run, null, afterStart, end, endTimer - laps[afterFrom].StartTimer, IntervalSource.FitStepLaps, phase);
            intervals.Add(after with
            {
                ElapsedDurationInSeconds = Math.Round(laps.Skip(afterFrom).Sum(l => l.Elapsed), 3),
                StartTimeInSeconds = run.StartSecond + phase + laps[afterFrom].StartElapsed,
            });
        }
        else if (hasAfter)
        {
            var timer = IntervalReconstructor.TimerOf(end, phase) - IntervalReconstructor.TimerOf(afterStart, phase);
            intervals.Add(IntervalReconstructor.Interval(run, null, afterStart, end, timer, IntervalSource.PlanOverlay, phase));
        }

        return new IntervalReconstruction(IntervalSource.FitStepLaps, intervals, [], IntervalReconstructor.Trace(run, phase), notes);
    }

    /// <summary>Boundary <paramref name="s"/> found backwards from the exact one at <paramref name="next"/> through closed steps.</summary>
    private static Boundary? Back(IReadOnlyList<PlannedInterval> plan, RunSeries series, int s, int next, Boundary at)
    {
        var b = at;
        for (var k = next - 1; k >= s; k--)
        {
            switch (plan[k].Duration)
            {
                case TimeDuration t:
                    b = new Boundary(b.U - t.Seconds, 0, b.ExactTimer - t.Seconds, null);
                    b = b with { Distance = series.DistanceAt(b.U) };
                    break;
                case DistanceDuration d:
                    var target = b.Distance - d.Metres;
                    if (series.UAtDistance(target, 0) is not { } u)
                    {
                        return null;
                    }

                    b = new Boundary(u, target, null, null);
                    break;
                default:
                    return null;
            }
        }

        return b;
    }

    /// <summary>
    /// Where a closed step that started at <paramref name="start"/> ended by the plan, when that is well before
    /// <paramref name="end"/> (its lap ran on); null when the step's laps end where the plan does.
    /// </summary>
    private static Boundary? PlannedEnd(PlannedInterval step, RunSeries series, Boundary start, Boundary end)
    {
        switch (step.Duration)
        {
            case TimeDuration t when end.U - start.U > t.Seconds + 1:
                var u = start.U + t.Seconds;
                return new Boundary(u, series.DistanceAtStepChange(u, PlanOverlay.ReactionToOtherStep), start.ExactTimer + t.Seconds, null);
            case DistanceDuration d when end.Distance - start.Distance > d.Metres + 2:
                var target = start.Distance + d.Metres;
                return series.UAtDistance(target, start.U) is { } at && at < end.U
                    ? new Boundary(at, target, null, null)
                    : null;
            default:
                return null;
        }
    }

    /// <summary>Whether the laps so far already cover the step's planned duration (so a repeat of its index is the next step).</summary>
    private static bool Complete(PlannedInterval step, IReadOnlyList<CumulativeLap> laps, int first, int count)
    {
        double timer = 0, distance = 0;
        for (var i = first; i < first + count; i++)
        {
            timer += laps[i].Timer;
            distance += laps[i].Distance;
        }

        return step.Duration switch
        {
            TimeDuration t => timer >= t.Seconds - 0.5,
            DistanceDuration d => distance >= d.Metres - 1,
            _ => true,
        };
    }
}
