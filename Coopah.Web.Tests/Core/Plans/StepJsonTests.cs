using System.Text.Json;
using Coopah.Core.Plans;
using Coopah.Core.Plans.Templates;

namespace Coopah.Web.Tests.Core.Plans;

public sealed class StepJsonTests
{
    [Fact]
    public void Deserialize_SerializedIssueExample_ReturnsEqualTree()
    {
        var tree = StepNotation.Parse("10min warmup easy; 6x(800m interval @ 3:50-4:00/km \"relax\"; 90s recovery @ hr2); lap cooldown");

        var json = JsonSerializer.Serialize(tree);
        var back = JsonSerializer.Deserialize<IReadOnlyList<StepNode>>(json);

        Assert.NotNull(back);
        Assert.True(tree.SequenceEqual(back));
        Assert.Contains("\"type\":\"repeat\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Intensity\":\"Warmup\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(99)]
    public void Deserialize_SerializedRandomTrees_ReturnsEqualTrees(int seed)
    {
        var random = new Random(seed);

        for (var i = 0; i < 100; i++)
        {
            var tree = StepTreeGenerator.Tree(random);

            var back = JsonSerializer.Deserialize<IReadOnlyList<StepNode>>(JsonSerializer.Serialize(tree));

            Assert.True(tree.SequenceEqual(back!));
        }
    }

    [Fact]
    public void Deserialize_SerializedTemplate_KeepsSessionsAndSteps()
    {
        var template = PlanTemplates.All[2];

        var back = JsonSerializer.Deserialize<PlanTemplate>(JsonSerializer.Serialize(template));

        Assert.NotNull(back);
        Assert.Equal(template.Id, back.Id);
        Assert.Equal(template.Goal, back.Goal);
        Assert.Equal(template.Sessions.Count, back.Sessions.Count);
        Assert.All(template.Sessions.Zip(back.Sessions), p => Assert.True(p.First.Steps.SequenceEqual(p.Second.Steps)));
    }
}
