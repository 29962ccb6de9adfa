using Coopah.Core.Plans;

namespace Coopah.Web.Tests.Core.Plans;

public sealed class StepNotationPropertyTests
{
    public static TheoryData<int> Seeds => [1, 2, 3, 42, 2026];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Parse_FormattedRandomTree_ReturnsEqualTree(int seed)
    {
        var random = new Random(seed);

        for (var i = 0; i < 100; i++)
        {
            var tree = StepTreeGenerator.Tree(random);

            var text = StepNotation.Format(tree);
            var parsed = StepNotation.Parse(text);

            Assert.True(tree.SequenceEqual(parsed), "Round trip changed the tree for: " + text);
            Assert.Equal(text, StepNotation.Format(parsed));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Parse_TruncatedText_FailsWithPositionInsideTextOrSucceeds(int seed)
    {
        var random = new Random(seed);

        for (var i = 0; i < 60; i++)
        {
            var text = StepNotation.Format(StepTreeGenerator.Tree(random));
            var cut = text[..random.Next(text.Length)];

            var ok = StepNotation.TryParse(cut, out _, out var error);

            Assert.True(ok || (error!.Position >= 0 && error.Position <= cut.Length), "Bad error position for: " + cut);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void CountGarminSteps_RandomTree_EqualsNumberOfNodes(int seed)
    {
        var random = new Random(seed);

        for (var i = 0; i < 50; i++)
        {
            var tree = StepTreeGenerator.Tree(random);

            var count = PlanValidator.CountGarminSteps(tree);

            Assert.Equal(CountNodes(tree), count);
        }
    }

    private static int CountNodes(IReadOnlyList<StepNode> steps) =>
        steps.Sum(s => s is RepeatBlock r ? 1 + CountNodes(r.Steps) : 1);
}
