using Coopah.Core.Garmin.Training;

namespace Coopah.Web.Tests.Sandbox;

public static class SandboxWorkouts
{
    /// <summary>A running workout of <paramref name="steps"/> one-minute steps.</summary>
    public static GarminWorkout Run(int steps, string name = "Easy run") => new()
    {
        WorkoutName = name,
        Sport = GarminTrainingValues.SportRunning,
        WorkoutProvider = "Coopah",
        WorkoutSourceId = "Coopah",
        Segments =
        [
            new GarminWorkoutSegment
            {
                SegmentOrder = 1,
                Sport = GarminTrainingValues.SportRunning,
                Steps = Enumerable.Range(1, steps).Select(i => (GarminWorkoutStepBase)new GarminWorkoutStep
                {
                    StepOrder = i,
                    Intensity = GarminTrainingValues.IntensityActive,
                    DurationType = GarminTrainingValues.DurationTime,
                    DurationValue = 60,
                    TargetType = GarminTrainingValues.TargetOpen,
                }).ToList(),
            },
        ],
    };
}
