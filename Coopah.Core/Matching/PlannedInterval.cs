using Coopah.Core.Garmin.Training;

namespace Coopah.Core.Matching;

/// <summary>
/// One step of a workout as the watch executes it: repeats unrolled, in order. <see cref="FitStepIndex"/> is the
/// step's FIT <c>workout_step</c> message index (what laps carry as <c>wkt_step_index</c>): FIT has no nesting, so a
/// repeat block's children come first and the repeat step follows them, and every iteration reuses the indexes.
/// </summary>
/// <param name="Index">Position in the executed sequence (0-based).</param>
/// <param name="FitStepIndex">The FIT workout_step message index (lap wkt_step_index).</param>
/// <param name="Intensity">Warm-up, interval, recovery...</param>
/// <param name="Duration">How the step ends: time, distance or a lap press.</param>
/// <param name="Target">The resolved target (absolute pace band, heart-rate zone or open).</param>
/// <param name="Repeat">Iteration of the innermost repeat block, or null outside any repeat.</param>
/// <param name="Note">The coach's note for the step.</param>
public sealed record PlannedInterval(
    int Index,
    int FitStepIndex,
    PlannedStepIntensity Intensity,
    PlannedDuration Duration,
    PlannedTarget Target,
    RepeatIteration? Repeat,
    string? Note = null)
{
    public double? PlannedSeconds => Duration is TimeDuration t ? t.Seconds : null;

    public double? PlannedMetres => Duration is DistanceDuration d ? d.Metres : null;

    public bool IsOpen => Duration is OpenDuration;

    /// <summary>The pace band in seconds per km, fast (smaller) first; null without a pace target.</summary>
    public (double Fast, double Slow)? PaceBand => Target is PaceRangeTarget p
        ? (Math.Min(p.FastSecondsPerKm, p.SlowSecondsPerKm), Math.Max(p.FastSecondsPerKm, p.SlowSecondsPerKm))
        : null;
}

/// <summary>Iteration <see cref="Number"/> (1-based) of <see cref="Count"/> of a repeat block.</summary>
public sealed record RepeatIteration(int Number, int Count);

/// <summary>Unrolls a planned workout into the steps a watch runs through.</summary>
public static class WorkoutExpansion
{
    public static IReadOnlyList<PlannedInterval> Expand(PlannedWorkout workout)
    {
        ArgumentNullException.ThrowIfNull(workout);
        var indexes = new Dictionary<PlannedWorkoutNode, int>(ReferenceEqualityComparer.Instance);
        var next = 0;
        NumberFitSteps(workout.Steps, indexes, ref next);
        var executed = new List<PlannedInterval>();
        Unroll(workout.Steps, null, indexes, executed);
        return executed;
    }

    /// <summary>FIT order: a step takes the next index; a repeat block numbers its children, then itself.</summary>
    private static void NumberFitSteps(IReadOnlyList<PlannedWorkoutNode> nodes, Dictionary<PlannedWorkoutNode, int> indexes, ref int next)
    {
        foreach (var node in nodes)
        {
            if (node is PlannedRepeat repeat)
            {
                NumberFitSteps(repeat.Steps, indexes, ref next);
            }

            indexes[node] = next++;
        }
    }

    private static void Unroll(
        IReadOnlyList<PlannedWorkoutNode> nodes, RepeatIteration? iteration, Dictionary<PlannedWorkoutNode, int> indexes, List<PlannedInterval> into)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case PlannedStep step:
                    into.Add(new PlannedInterval(into.Count, indexes[step], step.Intensity, step.Duration, step.Target, iteration, step.Note));
                    break;
                case PlannedRepeat repeat:
                    for (var i = 1; i <= repeat.Count; i++)
                    {
                        Unroll(repeat.Steps, new RepeatIteration(i, repeat.Count), indexes, into);
                    }

                    break;
                default:
                    throw new ArgumentException("Unknown workout node " + node?.GetType().Name + ".", nameof(nodes));
            }
        }
    }
}
