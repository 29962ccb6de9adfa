using System.Text.Json.Serialization;

namespace Coopah.Core.Plans;

/// <summary>What the runner does during a step. Maps 1:1 onto Garmin's <c>intensity</c> (WARMUP, INTERVAL, ...).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepIntensity>))]
public enum StepIntensity
{
    Warmup,
    Interval,
    Recovery,
    Rest,
    Cooldown,
    Active,
}

/// <summary>How a step ends. Maps onto Garmin's <c>durationType</c> TIME, DISTANCE and OPEN (lap press).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DurationKind>))]
public enum DurationKind
{
    Open,
    Time,
    Distance,
}

/// <summary>The named pace zones derived from a runner's personal paces (Daniels-style E, M, T, I, R).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PaceZone>))]
public enum PaceZone
{
    Easy,
    Marathon,
    Threshold,
    Interval,
    Repetition,
}

/// <summary>The kind of target a step has.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TargetKind>))]
public enum TargetKind
{
    Open,
    PaceRange,
    PaceZone,
    HeartRateZone,
}

/// <summary>
/// A step duration: <see cref="DurationKind.Time"/> in whole seconds, <see cref="DurationKind.Distance"/> in whole
/// metres, or <see cref="DurationKind.Open"/> (ends on a lap press; <see cref="Value"/> is 0).
/// </summary>
public sealed record StepDuration(DurationKind Kind, int Value)
{
    public static StepDuration Open { get; } = new(DurationKind.Open, 0);

    public static StepDuration Seconds(int seconds) => new(DurationKind.Time, seconds);

    public static StepDuration Minutes(int minutes) => new(DurationKind.Time, minutes * 60);

    public static StepDuration Metres(int metres) => new(DurationKind.Distance, metres);
}

/// <summary>
/// A step target, kept flat so it maps onto one JSON object or one set of columns.
/// <list type="bullet">
/// <item><see cref="TargetKind.PaceRange"/>: <see cref="FastSecondsPerKm"/> (the faster, smaller number) and
/// <see cref="SlowSecondsPerKm"/>.</item>
/// <item><see cref="TargetKind.PaceZone"/>: <see cref="Zone"/>, resolved with <see cref="PersonalPaces.Resolve(StepTarget)"/>.</item>
/// <item><see cref="TargetKind.HeartRateZone"/>: <see cref="HeartRateZone"/> 1..5 (Garmin HR zones).</item>
/// </list>
/// </summary>
public sealed record StepTarget(
    TargetKind Kind,
    int? FastSecondsPerKm = null,
    int? SlowSecondsPerKm = null,
    PaceZone? Zone = null,
    int? HeartRateZone = null)
{
    public static StepTarget Open { get; } = new(TargetKind.Open);

    public static StepTarget ForPace(int fastSecondsPerKm, int slowSecondsPerKm) =>
        new(TargetKind.PaceRange, FastSecondsPerKm: fastSecondsPerKm, SlowSecondsPerKm: slowSecondsPerKm);

    public static StepTarget ForPace(PaceRange range) => ForPace(range.FastSecondsPerKm, range.SlowSecondsPerKm);

    public static StepTarget ForZone(PaceZone zone) => new(TargetKind.PaceZone, Zone: zone);

    public static StepTarget ForHeartRateZone(int zone) => new(TargetKind.HeartRateZone, HeartRateZone: zone);
}

/// <summary>
/// A node of a session's step tree: either a <see cref="WorkoutStep"/> or a <see cref="RepeatBlock"/>. The tree
/// serialises with System.Text.Json using the <c>"type"</c> discriminator (<c>"step"</c> / <c>"repeat"</c>), the
/// same split as Garmin's <c>WorkoutStep</c> / <c>WorkoutRepeatStep</c>. Nodes are immutable and compare by value
/// (including the children of repeat blocks), so an editor changes a tree with <c>with</c> expressions.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(WorkoutStep), "step")]
[JsonDerivedType(typeof(RepeatBlock), "repeat")]
public abstract record StepNode;

/// <summary>One executable step: intensity + duration + target + optional note (Garmin allows 512 characters).</summary>
public sealed record WorkoutStep(StepIntensity Intensity, StepDuration Duration, StepTarget Target, string? Note = null)
    : StepNode;

/// <summary>Repeats <see cref="Steps"/> <see cref="Count"/> times (1..99). Repeat blocks may nest.</summary>
public sealed record RepeatBlock(int Count, IReadOnlyList<StepNode> Steps) : StepNode
{
    public bool Equals(RepeatBlock? other) =>
        other is not null && Count == other.Count && Steps.SequenceEqual(other.Steps);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Count);
        foreach (var step in Steps)
        {
            hash.Add(step);
        }

        return hash.ToHashCode();
    }
}
