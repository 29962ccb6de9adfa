using Coopah.Core.Garmin.Training;
using Coopah.Core.Matching;

namespace Coopah.Web.Tests.Core.Matching;

public sealed class WorkoutExpansionTests
{
    [Fact]
    public void Repeats_AreUnrolled_WithFitStepIndexesAfterTheirChildren()
    {
        // FIT: 0 warm-up, 1 rep, 2 jog, 3 repeat(1..2) x3, 4 cool-down.
        var workout = new PlannedWorkout("6x800", "CP1", null,
        [
            new PlannedStep(PlannedStepIntensity.Warmup, PlannedDuration.Time(600), PlannedTarget.Open),
            new PlannedRepeat(3,
            [
                new PlannedStep(PlannedStepIntensity.Interval, PlannedDuration.Distance(800), PlannedTarget.PaceRange(225, 215)),
                new PlannedStep(PlannedStepIntensity.Recovery, PlannedDuration.Time(90), PlannedTarget.Open),
            ]),
            new PlannedStep(PlannedStepIntensity.Cooldown, PlannedDuration.Open, PlannedTarget.Open),
        ]);

        var steps = WorkoutExpansion.Expand(workout);

        Assert.Equal([0, 1, 2, 1, 2, 1, 2, 4], steps.Select(s => s.FitStepIndex));
        Assert.Equal(Enumerable.Range(0, 8), steps.Select(s => s.Index));
        Assert.Equal([null, 1, 1, 2, 2, 3, 3, null], steps.Select(s => s.Repeat?.Number));
        Assert.Equal((215.0, 225.0), steps[1].PaceBand);
        Assert.Equal(800, steps[1].PlannedMetres);
        Assert.True(steps[^1].IsOpen);
    }

    [Fact]
    public void NestedRepeats_NumberInnerBlocksFirst()
    {
        // FIT: 0 a, 1 b, 2 repeat(1) x2, 3 repeat(0..2) x2.
        var workout = new PlannedWorkout("nested", "CP2", null,
        [
            new PlannedRepeat(2,
            [
                new PlannedStep(PlannedStepIntensity.Interval, PlannedDuration.Time(60), PlannedTarget.Open),
                new PlannedRepeat(2, [new PlannedStep(PlannedStepIntensity.Recovery, PlannedDuration.Time(30), PlannedTarget.Open)]),
            ]),
        ]);

        var steps = WorkoutExpansion.Expand(workout);

        Assert.Equal([0, 1, 1, 0, 1, 1], steps.Select(s => s.FitStepIndex));
    }
}
