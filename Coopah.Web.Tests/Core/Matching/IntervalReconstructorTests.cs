using Coopah.Core.Fit;
using Coopah.Core.Matching;

namespace Coopah.Web.Tests.Core.Matching;

public sealed class IntervalReconstructorTests
{
    private static void AssertSteps(IntervalReconstruction r, double timeTolerance, double distanceTolerance, int? skipApproximate = null)
    {
        var dump = string.Join("\n", r.Intervals) + "\n" + string.Join("\n", r.Notes);
        Assert.Equal(SyntheticRun.Timers.Length - 1, r.Intervals.Count);
        for (var k = 0; k < r.Intervals.Count; k++)
        {
            var iv = r.Intervals[k];
            var tol = skipApproximate is { } s && (k == s || k == s - 1) ? 0.05 : timeTolerance;
            if (iv.IsAfterWorkout && r.Source != IntervalSource.FitStepLaps && r.Source != IntervalSource.FitLaps)
            {
                // The details only bound the end of the recording to a second (last sample, rounded duration).
                tol = 0.5;
            }

            Assert.Equal(k < SyntheticRun.FitIndexes.Length ? k : null, iv.StepIndex);
            Assert.True(Math.Abs(SyntheticRun.Timers[k + 1] - SyntheticRun.Timers[k] - iv.TimerDurationInSeconds) <= tol,
                $"step {k}: timer {iv.TimerDurationInSeconds}\n{dump}");
            Assert.True(Math.Abs(SyntheticRun.Distances[k + 1] - SyntheticRun.Distances[k] - iv.DistanceInMeters) <= Math.Max(distanceTolerance, tol * SyntheticRun.Speed),
                $"step {k}: distance {iv.DistanceInMeters}\n{dump}");
        }

        Assert.True(r.Intervals[^1].IsAfterWorkout);
    }

    [Fact]
    public void Fit_StepLaps_AreExact_AfterWorkoutIsItsOwnInterval()
    {
        var r = IntervalReconstructor.Reconstruct(SyntheticRun.Plan, null, SyntheticRun.Fit(SyntheticRun.StepLaps()));

        Assert.Equal(IntervalSource.FitStepLaps, r.Source);
        AssertSteps(r, 0.0005, 0.005);
        Assert.All(r.Intervals, i => Assert.Equal(IntervalSource.FitStepLaps, i.Source));
        Assert.Equal(10, r.Intervals[^1].TimerDurationInSeconds, 3);
        Assert.Equal(150, r.Intervals[0].AverageHeartRate);
        Assert.NotEmpty(r.Trace);
    }

    [Fact]
    public void Fit_ExtraLapInsideAStep_IsMerged()
    {
        var laps = SyntheticRun.StepLaps();
        var warmup = laps[0];
        laps.RemoveAt(0);
        laps.Insert(0, SyntheticRun.Lap(40, 100, 0, "manual"));
        laps.Insert(0, SyntheticRun.Lap(0, 40, 0, "manual"));
        Assert.NotNull(warmup);

        var r = IntervalReconstructor.Reconstruct(SyntheticRun.Plan, null, SyntheticRun.Fit(laps));

        AssertSteps(r, 0.0005, 0.005);
        Assert.Contains(r.Notes, n => n.Contains("extra lap", StringComparison.Ordinal));
    }

    [Fact]
    public void Fit_MissedLapPress_IsSplitAtThePlansBoundary_LaterStepsStayExact()
    {
        // No lap at the start of step 4 (the second 60 s jog): the lap that started step 3 runs to 620 s.
        var laps = SyntheticRun.StepLaps();
        laps[3] = SyntheticRun.Lap(360, 620, 1, "distance");
        laps.RemoveAt(4);

        var r = IntervalReconstructor.Reconstruct(SyntheticRun.Plan, null, SyntheticRun.Fit(laps));

        AssertSteps(r, 0.0005, 0.005, skipApproximate: 4);
        Assert.Equal(IntervalSource.PlanOverlay, r.Intervals[3].Source);
        Assert.Equal(IntervalSource.FitStepLaps, r.Intervals[5].Source);
        Assert.Contains(r.Notes, n => n.Contains("missed lap", StringComparison.Ordinal));
    }

    [Fact]
    public void Fit_NoLapAtTheWorkoutsEnd_TheLastStepEndsByThePlan_TheRestIsAfterTheWorkout()
    {
        // The cool-down's lap (a 120 s step) runs on to the end of the recording: the lap at 740 s was missed.
        var laps = SyntheticRun.StepLaps();
        laps[5] = SyntheticRun.Lap(620, 750, 4, "session_end");
        laps.RemoveAt(6);

        var r = IntervalReconstructor.Reconstruct(SyntheticRun.Plan, null, SyntheticRun.Fit(laps));

        AssertSteps(r, 0.0005, 0.05);
        Assert.Equal(IntervalSource.PlanOverlay, r.Intervals[5].Source);
        Assert.Equal(IntervalSource.PlanOverlay, r.Intervals[6].Source);
        Assert.Equal(IntervalSource.FitStepLaps, r.Intervals[4].Source);
        Assert.Contains(r.Notes, n => n.Contains("runs past the plan", StringComparison.Ordinal));
    }

    [Fact]
    public void Fit_LastLapSpansSeveralSteps_TheyAreSplitInPlanOrder()
    {
        // The second jog's lap holds the jog, the cool-down and the stretch after it: two laps missed.
        var laps = SyntheticRun.StepLaps();
        laps[4] = SyntheticRun.Lap(560, 750, 2, "session_end");
        laps.RemoveRange(5, 2);

        var r = IntervalReconstructor.Reconstruct(SyntheticRun.Plan, null, SyntheticRun.Fit(laps));

        AssertSteps(r, 0.0005, 0.05);
        Assert.Equal(IntervalSource.FitStepLaps, r.Intervals[3].Source);
        Assert.All(r.Intervals.Skip(4), i => Assert.Equal(IntervalSource.PlanOverlay, i.Source));
    }

    [Fact]
    public void Details_StartPhaseInTheSecondHalf_IsNotReadAsAPause()
    {
        // The timer starts 0.75 s into the start second: one second after the start record the timer still reads 0.
        const double phase = 0.75;
        var samples = Enumerable.Range(0, 301).Select(c => new Coopah.Core.Garmin.Push.GarminActivitySample
        {
            StartTimeInSeconds = SyntheticRun.S + c,
            TimerDurationInSeconds = c == 0 ? 0 : Math.Round(c - phase, MidpointRounding.AwayFromZero),
            TotalDistanceInMeters = c == 0 ? 0 : Math.Round(4 * (c - phase), 2),
            SpeedMetersPerSecond = 4,
        }).ToList();
        var details = new Coopah.Core.Garmin.Push.GarminActivityDetail
        {
            Summary = new Coopah.Core.Garmin.Push.GarminActivitySummary { StartTimeInSeconds = SyntheticRun.S, DurationInSeconds = 299 },
            Samples = samples,
            Laps = [new Coopah.Core.Garmin.Push.GarminActivityLap { StartTimeInSeconds = SyntheticRun.S }],
        };

        var run = RunData.FromDetails(details, DistanceInterpolant.SpeedAware)!;

        Assert.Empty(run.Series.Pauses);
        Assert.True(run.PhaseDomain.Lo >= 0.5, $"phase domain {run.PhaseDomain}");
    }

    [Fact]
    public void StepChangeInARecordingGap_UsesTheHeldSpeedThatCoversTheGap()
    {
        // Samples every second at 4 m/s to u = 10, then no tick until u = 16. The runner held 3.9 m/s (the sample at 10
        // read 4.1: noise) until 0.45 s after a step change at u = 14, then slowed towards 3 m/s.
        const double held = 3.9, boundary = 14, onset = boundary + 0.45;
        var u = Enumerable.Range(0, 11).Select(i => (double)i).Append(16).Append(22).ToArray();
        var afterOnset = Response(held, 3, 16 - onset, out var speedAt16);
        var d16 = 40 + held * (onset - 10) + afterOnset;
        var d = u.Select(x => x <= 10 ? 4 * x : x == 16 ? d16 : d16 + 3 * 6).ToArray();
        double?[] speed = [.. Enumerable.Repeat<double?>(4, 10), 4.1, speedAt16, 3];
        var series = new RunSeries(u, d, speed, new double?[u.Length], [], DistanceInterpolant.SpeedAware);

        var truth = 40 + held * (boundary - 10);
        Assert.Equal(truth, series.DistanceAtStepChange(boundary, 0.45), 0.02);
        Assert.True(Math.Abs(series.DistanceAt(boundary) - truth) > 0.1, "the plain interpolant should be off here");
        Assert.Equal(series.DistanceAt(5.5), series.DistanceAtStepChange(5.5, 0.45));
    }

    /// <summary>The runner model's response (first order, rate-limited), integrated finely: distance and end speed.</summary>
    private static double Response(double from, double to, double seconds, out double endSpeed)
    {
        const double dt = 0.001;
        double v = from, distance = 0;
        for (var t = 0.0; t < seconds - dt / 2; t += dt)
        {
            var next = v + Math.Clamp((to - v) * dt / RunSeries.ResponseTimeConstant, -RunSeries.BrakingLimit * dt, RunSeries.AccelerationLimit * dt);
            distance += (v + next) / 2 * dt;
            v = next;
        }

        endSpeed = v;
        return distance;
    }

    [Fact]
    public void Fit_LapsWithoutStepIndex_AreAlignedByOrderAndDuration()
    {
        var r = IntervalReconstructor.Reconstruct(SyntheticRun.Plan, null, SyntheticRun.Fit(SyntheticRun.StepLaps(withIndex: false)));

        AssertSteps(r, 0.0005, 0.005);
        Assert.Equal(IntervalSource.FitLaps, r.Source);
    }

    [Fact]
    public void Fit_IsPreferredOverDetails()
    {
        var r = IntervalReconstructor.Reconstruct(SyntheticRun.Plan, SyntheticRun.Details(), SyntheticRun.Fit(SyntheticRun.StepLaps()));

        Assert.Equal(IntervalSource.FitStepLaps, r.Source);
    }

    [Fact]
    public void Details_PlanAndLapStarts_GiveExactDistanceAndTimerBoundaries()
    {
        var r = IntervalReconstructor.Reconstruct(SyntheticRun.Plan, SyntheticRun.Details(every: 5), null);

        Assert.Equal(IntervalSource.DetailsInterpolated, r.Source);
        AssertSteps(r, 0.02, 0.05);
        Assert.Equal(100, r.Intervals[0].TimerDurationInSeconds);
        Assert.Equal(800, r.Intervals[1].DistanceInMeters, 3);
        Assert.All(r.Trace, p => Assert.True(p.TimerSeconds >= 0));
    }

    [Fact]
    public void Details_Pause_IsRemovedFromTheTimer_AndKeptInElapsed()
    {
        (double, double) pause = (200, 30);
        var r = IntervalReconstructor.Reconstruct(SyntheticRun.Plan, SyntheticRun.Details(every: 4, pause: pause), null);

        AssertSteps(r, 0.02, 0.05);
        Assert.Equal(200, r.Intervals[1].TimerDurationInSeconds, 1);
        Assert.Equal(230, r.Intervals[1].ElapsedDurationInSeconds, 0);
        Assert.Equal(60, r.Intervals[2].ElapsedDurationInSeconds, 1);
    }

    [Fact]
    public void Details_AutoLapsOnly_PlanIsLaidOver_AutoLapsBecomeSplits()
    {
        // Auto-laps every 1000 m (at 250 s of timer each), no lap at any step boundary.
        var details = SyntheticRun.Details(every: 3, lapTimers: [0, 250, 500]);

        var r = IntervalReconstructor.Reconstruct(SyntheticRun.Plan, details, null);

        Assert.Equal(IntervalSource.PlanOverlay, r.Source);
        AssertSteps(r, 0.02, 0.05);
        Assert.Equal(3, r.Splits.Count);
        Assert.Equal(1000, r.Splits[0].DistanceInMeters, 0);
        Assert.Equal(1000, r.Splits[1].DistanceInMeters, 0);
    }

    [Fact]
    public void Details_MissedLapPress_DoesNotShiftLaterSteps()
    {
        var lapTimers = SyntheticRun.Timers[..^1].Where(t => t != 560).ToArray();

        var r = IntervalReconstructor.Reconstruct(SyntheticRun.Plan, SyntheticRun.Details(lapTimers: lapTimers), null);

        AssertSteps(r, 0.02, 0.05);
        Assert.Contains(r.Notes, n => n.Contains("missed lap", StringComparison.Ordinal));
    }

    [Fact]
    public void UnplannedRun_LapsAreSplits_NoIntervals()
    {
        var r = IntervalReconstructor.Reconstruct([], SyntheticRun.Details(), null);

        Assert.Empty(r.Intervals);
        Assert.Equal(SyntheticRun.Timers.Length - 1, r.Splits.Count);
        Assert.InRange(r.Splits[0].DistanceInMeters, 398, 402); // a whole-second lap start: +-2 m at 4 m/s
        Assert.NotEmpty(r.Trace);
    }

    [Fact]
    public void NoData_IsEmpty()
    {
        Assert.Same(IntervalReconstruction.Empty, IntervalReconstructor.Reconstruct(SyntheticRun.Plan, null, null));
        Assert.Same(IntervalReconstruction.Empty, IntervalReconstructor.Reconstruct(SyntheticRun.Plan, new() { UserId = "u" }, null));
        Assert.Throws<ArgumentNullException>(() => IntervalReconstructor.Reconstruct(null!, null, null));
    }

    [Fact]
    public void Fit_Encoded_RoundTrips()
    {
        var fit = SyntheticRun.Fit(SyntheticRun.StepLaps());
        var decoded = FitActivity.Decode(FitEncoder.EncodeActivity(fit));

        var r = IntervalReconstructor.Reconstruct(SyntheticRun.Plan, null, decoded);

        AssertSteps(r, 0.0015, 0.015);
    }
}
