using System.Globalization;
using Coopah.Core.Plans;

namespace Coopah.Core.Garmin.Training;

/// <summary>
/// Plan steps to the Garmin workout: pace zones are resolved to the runner's absolute paces first (Garmin has no
/// pace zones), then the tree is mapped 1:1 onto <see cref="PlannedWorkout"/> and <see cref="GarminWorkoutMapper"/>.
/// </summary>
public static class SessionWorkoutMapper
{
    /// <summary>Prefix of every session code, so our workouts are told apart from the runner's own.</summary>
    public const string CodePrefix = "CP";

    /// <summary>"CP" + the session id: unique, stable across edits and short enough for a watch screen.</summary>
    public static string SessionCode(int sessionId) => CodePrefix + sessionId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The session id a code names, or null when the code is not one of ours.</summary>
    public static int? SessionIdFromCode(string? code) =>
        code is not null && code.StartsWith(CodePrefix, StringComparison.Ordinal)
        && int.TryParse(code.AsSpan(CodePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>
    /// The planned workout for a session. Without <paramref name="paces"/> (no goal yet) a pace-zone target becomes
    /// open: guessing the runner's paces would push wrong targets to the watch.
    /// </summary>
    public static PlannedWorkout ToPlanned(string sessionCode, string name, string? description, IReadOnlyList<StepNode> steps, PersonalPaces? paces)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return new PlannedWorkout(name, sessionCode, description, [.. steps.Select(n => MapNode(n, paces))]);
    }

    /// <summary>The Training API V2 workout for a session.</summary>
    /// <exception cref="GarminWorkoutMappingException">The session cannot be a Garmin workout (e.g. over 100 steps).</exception>
    public static GarminWorkout Map(string sessionCode, string name, string? description, IReadOnlyList<StepNode> steps, PersonalPaces? paces) =>
        GarminWorkoutMapper.Map(ToPlanned(sessionCode, name, description, steps, paces));

    private static PlannedWorkoutNode MapNode(StepNode node, PersonalPaces? paces) => node switch
    {
        WorkoutStep step => new PlannedStep(MapIntensity(step.Intensity), MapDuration(step.Duration), MapTarget(step.Target, paces), step.Note),
        RepeatBlock repeat => new PlannedRepeat(repeat.Count, [.. repeat.Steps.Select(n => MapNode(n, paces))]),
        _ => throw new GarminWorkoutMappingException("Unknown step node " + node?.GetType().Name + "."),
    };

    private static PlannedStepIntensity MapIntensity(StepIntensity intensity) => intensity switch
    {
        StepIntensity.Warmup => PlannedStepIntensity.Warmup,
        StepIntensity.Interval => PlannedStepIntensity.Interval,
        StepIntensity.Recovery => PlannedStepIntensity.Recovery,
        StepIntensity.Rest => PlannedStepIntensity.Rest,
        StepIntensity.Cooldown => PlannedStepIntensity.Cooldown,
        StepIntensity.Active => PlannedStepIntensity.Active,
        _ => throw new GarminWorkoutMappingException("Unknown step intensity."),
    };

    private static PlannedDuration MapDuration(StepDuration duration) => duration.Kind switch
    {
        DurationKind.Open => PlannedDuration.Open,
        DurationKind.Time => PlannedDuration.Time(duration.Value),
        DurationKind.Distance => PlannedDuration.Distance(duration.Value),
        _ => throw new GarminWorkoutMappingException("Unknown step duration."),
    };

    private static PlannedTarget MapTarget(StepTarget target, PersonalPaces? paces)
    {
        var resolved = paces?.Resolve(target) ?? target;
        return resolved switch
        {
            { Kind: TargetKind.PaceRange, FastSecondsPerKm: { } fast, SlowSecondsPerKm: { } slow } => PlannedTarget.PaceRange(slow, fast),
            { Kind: TargetKind.HeartRateZone, HeartRateZone: { } zone } => PlannedTarget.HeartRateZone(zone),
            _ => PlannedTarget.Open,
        };
    }
}
