using Coopah.Core.Plans;

namespace Coopah.Web.Tests.Core.Plans;

/// <summary>Deterministic random step trees for property-style tests.</summary>
internal static class StepTreeGenerator
{
    private static readonly string[] NoteParts = ["easy", "hold form", "\"quoted\"", "back\\slash", "a; b", "(x)", "@ 4:00/km", "é ü 日本", "  ", "6x(800m)", "lap"];

    public static IReadOnlyList<StepNode> Tree(Random random, int maxDepth = 3) => Items(random, maxDepth, random.Next(1, 6));

    private static List<StepNode> Items(Random random, int depth, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => depth > 0 && random.Next(4) == 0
            ? new RepeatBlock(random.Next(1, 100), Items(random, depth - 1, random.Next(1, 4)))
            : (StepNode)Step(random))];

    public static WorkoutStep Step(Random random)
    {
        var intensity = (StepIntensity)random.Next(6);
        var duration = random.Next(3) switch
        {
            0 => StepDuration.Open,
            1 => StepDuration.Seconds(random.Next(4) == 0 ? random.Next(1, 20000) : random.Next(1, 120) * 30),
            _ => StepDuration.Metres(random.Next(2) == 0 ? random.Next(1, 50) * 1000 : random.Next(1, 60000)),
        };
        var target = random.Next(4) switch
        {
            0 => StepTarget.Open,
            1 => PaceTarget(random),
            2 => StepTarget.ForZone((PaceZone)random.Next(5)),
            _ => StepTarget.ForHeartRateZone(random.Next(1, 6)),
        };
        var note = random.Next(3) == 0
            ? string.Concat(Enumerable.Range(0, random.Next(0, 4)).Select(_ => NoteParts[random.Next(NoteParts.Length)]))
            : null;
        return new WorkoutStep(intensity, duration, target, note);
    }

    private static StepTarget PaceTarget(Random random)
    {
        var fast = random.Next(120, 900);
        return StepTarget.ForPace(fast, random.Next(3) == 0 ? fast : random.Next(fast, 901));
    }
}
