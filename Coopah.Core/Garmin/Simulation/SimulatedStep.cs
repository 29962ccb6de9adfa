using Coopah.Core.Garmin.Training;

namespace Coopah.Core.Garmin.Simulation;

/// <summary>
/// One executed workout step: how long it lasts and how fast the runner goes. <c>StepIndex</c> is the step's index in
/// the workout definition (FIT <c>wkt_step_index</c>), so every repetition of a repeat reuses it.
/// </summary>
public sealed record SimulatedStep(int StepIndex, string Intensity, double? Seconds, double? Metres, double SpeedMetresPerSecond);

public static class SimulatedSteps
{
    /// <summary>A lap-press step lasts this long in a simulation.</summary>
    public const double OpenStepSeconds = 300;

    /// <summary>Expands a Garmin workout (repeats unrolled) into the steps a watch would run through.</summary>
    public static IReadOnlyList<SimulatedStep> FromWorkout(GarminWorkout workout, double easySpeed)
    {
        ArgumentNullException.ThrowIfNull(workout);
        var fitIndexes = new Dictionary<GarminWorkoutStepBase, int>(ReferenceEqualityComparer.Instance);
        var next = 0;
        foreach (var segment in workout.Segments)
        {
            NumberFitSteps(segment.Steps, fitIndexes, ref next);
        }

        var steps = new List<SimulatedStep>();
        foreach (var segment in workout.Segments)
        {
            Expand(segment.Steps, steps, easySpeed, fitIndexes);
        }

        return steps;
    }

    public static IReadOnlyList<SimulatedStep> FreeRun(double seconds, double speed) => [new SimulatedStep(0, "ACTIVE", seconds, null, speed)];

    /// <summary>The watch's FIT step order: a repeat's children first, then the repeat step (laps carry this index).</summary>
    private static void NumberFitSteps(IReadOnlyList<GarminWorkoutStepBase> source, Dictionary<GarminWorkoutStepBase, int> indexes, ref int next)
    {
        foreach (var step in source)
        {
            if (step is GarminWorkoutRepeatStep repeat)
            {
                NumberFitSteps(repeat.Steps, indexes, ref next);
            }

            indexes[step] = next++;
        }
    }

    private static void Expand(IReadOnlyList<GarminWorkoutStepBase> source, List<SimulatedStep> into, double easySpeed, Dictionary<GarminWorkoutStepBase, int> fitIndexes)
    {
        foreach (var step in source)
        {
            switch (step)
            {
                case GarminWorkoutStep s:
                    into.Add(new SimulatedStep(fitIndexes[s], s.Intensity, Seconds(s), Metres(s), Speed(s, easySpeed)));
                    break;
                case GarminWorkoutRepeatStep r:
                    var times = (int)Math.Clamp(r.RepeatValue ?? 1, 1, 99);
                    for (var i = 0; i < times; i++)
                    {
                        Expand(r.Steps, into, easySpeed, fitIndexes);
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private static double? Seconds(GarminWorkoutStep step) => step.DurationType switch
    {
        "TIME" => step.DurationValue,
        "DISTANCE" => null,
        _ => OpenStepSeconds,
    };

    private static double? Metres(GarminWorkoutStep step) => step.DurationType == "DISTANCE" ? step.DurationValue : null;

    /// <summary>The middle of a pace target, or a speed that fits the step's intensity.</summary>
    private static double Speed(GarminWorkoutStep step, double easySpeed)
    {
        if (step.TargetType == "PACE" && step.TargetValueLow is > 0 and var low && step.TargetValueHigh is > 0 and var high)
        {
            return (low + high) / 2;
        }

        return step.Intensity switch
        {
            "INTERVAL" => easySpeed * 1.25,
            "RECOVERY" or "REST" => easySpeed * 0.8,
            _ => easySpeed,
        };
    }
}
