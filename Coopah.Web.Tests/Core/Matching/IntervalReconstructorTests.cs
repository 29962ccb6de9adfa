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
