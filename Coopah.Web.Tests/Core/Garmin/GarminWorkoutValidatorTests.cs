using Coopah.Core.Garmin.Training;

namespace Coopah.Web.Tests.Core.Garmin;

public sealed class GarminWorkoutValidatorTests
{
    private static GarminWorkout Valid() => GarminWorkoutMapper.Map(GarminWorkoutMapperTests.Intervals6x800());

    private static GarminWorkout WithFirstStep(GarminWorkout workout, Func<GarminWorkoutStep, GarminWorkoutStep> change)
    {
        var segment = workout.Segments.Single();
        var steps = segment.Steps.ToList();
        steps[0] = change((GarminWorkoutStep)steps[0]);
        return workout with { Segments = [segment with { Steps = steps }] };
    }

    [Fact]
    public void Validate_MappedWorkouts_HaveNoErrors()
    {
        var workouts = new[]
        {
            GarminWorkoutMapperTests.EasyRun(), GarminWorkoutMapperTests.Intervals6x800(),
            GarminWorkoutMapperTests.Tempo(), GarminWorkoutMapperTests.OpenCooldown(),
        }.Select(GarminWorkoutMapper.Map);

        Assert.All(workouts, w => Assert.Empty(GarminWorkoutValidator.Validate(w)));
    }

    public static TheoryData<string, Func<GarminWorkout, GarminWorkout>> BrokenWorkouts => new()
    {
        { "sport", w => w with { Sport = "RUNNNING" } },
        { "workoutName", w => w with { WorkoutName = " " } },
        { "workoutProvider", w => w with { WorkoutProvider = new string('p', 21) } },
        { "exactly one segment", w => w with { Segments = [w.Segments[0], w.Segments[0] with { SegmentOrder = 2 }] } },
        { "at least one segment", w => w with { Segments = [] } },
        { "intensity", w => WithFirstStep(w, s => s with { Intensity = "EASY" }) },
        { "durationType", w => WithFirstStep(w, s => s with { DurationType = "LAP_BUTTON" }) },
        { "durationValue", w => WithFirstStep(w, s => s with { DurationValue = null }) },
        { "targetType", w => WithFirstStep(w, s => s with { TargetType = "ZONE" }) },
        { "heart-rate zone", w => WithFirstStep(w, s => s with { TargetValue = 6 }) },
        { "pace/speed", w => WithFirstStep(w, s => s with { TargetType = "PACE", TargetValue = null, TargetValueLow = null, TargetValueHigh = 4 }) },
        { "targetValueLow", w => WithFirstStep(w, s => s with { TargetType = "PACE", TargetValue = null, TargetValueLow = 5, TargetValueHigh = 4 }) },
        { "stepOrder", w => WithFirstStep(w, s => s with { StepOrder = 9 }) },
    };

    [Theory]
    [MemberData(nameof(BrokenWorkouts))]
    public void Validate_BrokenWorkout_ReportsTheProblem(string expectedFragment, Func<GarminWorkout, GarminWorkout> breakIt)
    {
        var errors = GarminWorkoutValidator.Validate(breakIt(Valid()));

        Assert.Contains(errors, e => e.Contains(expectedFragment, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_101Steps_ReportsLimit()
    {
        var steps = Enumerable.Range(1, 101).Select(i => (GarminWorkoutStepBase)new GarminWorkoutStep
        {
            StepOrder = i, Intensity = "ACTIVE", DurationType = "TIME", DurationValue = 60, TargetType = "OPEN",
        }).ToList();
        var workout = new GarminWorkout { WorkoutName = "W", Sport = "RUNNING", Segments = [new GarminWorkoutSegment { SegmentOrder = 1, Sport = "RUNNING", Steps = steps }] };

        var errors = GarminWorkoutValidator.Validate(workout);

        Assert.Equal(["The workout has 101 steps; at most 100 are allowed."], errors);
    }

    [Fact]
    public void Normalize_LongDescriptions_TruncatesAtGarminLimits()
    {
        var workout = WithFirstStep(Valid() with { Description = new string('d', 1500) }, s => s with { Description = new string('s', 700) });

        var normalized = GarminWorkoutValidator.Normalize(workout);

        Assert.Equal(1024, normalized.Description!.Length);
        Assert.Equal(512, ((GarminWorkoutStep)normalized.Segments[0].Steps[0]).Description!.Length);
        Assert.Empty(GarminWorkoutValidator.Validate(normalized));
    }
}
