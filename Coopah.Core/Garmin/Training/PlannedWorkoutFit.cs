using Coopah.Core.Fit;

namespace Coopah.Core.Garmin.Training;

/// <summary>
/// A planned workout as a FIT workout file (for loading onto a watch by hand). FIT has no nesting: a repeat block
/// becomes its child steps followed by a repeat step pointing back at the first child, as Garmin's own files do.
/// </summary>
public static class PlannedWorkoutFit
{
    public static FitWorkout ToFit(PlannedWorkout workout)
    {
        ArgumentNullException.ThrowIfNull(workout);
        var steps = new List<FitWorkoutStep>();
        Append(workout.Steps, steps);
        return new FitWorkout(GarminWorkoutMapper.FormatWorkoutName(workout.SessionCode, workout.Name), "running", null, steps);
    }

    public static byte[] Encode(PlannedWorkout workout) => FitEncoder.EncodeWorkout(ToFit(workout));

    private static void Append(IReadOnlyList<PlannedWorkoutNode> nodes, List<FitWorkoutStep> steps)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case PlannedStep step:
                    steps.Add(Step(steps.Count, step));
                    break;
                case PlannedRepeat repeat:
                    var first = steps.Count;
                    Append(repeat.Steps, steps);
                    steps.Add(FitWorkoutStep.Repeat(steps.Count, first, repeat.Count));
                    break;
                default:
                    throw new GarminWorkoutMappingException("Unknown workout node " + node?.GetType().Name + ".");
            }
        }
    }

    private static FitWorkoutStep Step(int index, PlannedStep step)
    {
        var intensity = step.Intensity.ToString().ToLowerInvariant();
        var fit = step.Duration switch
        {
            TimeDuration time => FitWorkoutStep.Time(index, time.Seconds, intensity),
            DistanceDuration distance => FitWorkoutStep.Distance(index, distance.Metres, intensity),
            _ => FitWorkoutStep.Open(index, intensity),
        };
        fit = fit with { Notes = string.IsNullOrWhiteSpace(step.Note) ? null : step.Note.Trim() };
        return step.Target switch
        {
            PaceRangeTarget pace => fit.WithPace(Math.Max(pace.SlowSecondsPerKm, pace.FastSecondsPerKm), Math.Min(pace.SlowSecondsPerKm, pace.FastSecondsPerKm)),
            // target_value 1-5 names the watch's own heart-rate zone, like Garmin's HR zone target.
            HeartRateZoneTarget zone => fit with { TargetType = "heart_rate", TargetValue = zone.Zone },
            _ => fit,
        };
    }
}
