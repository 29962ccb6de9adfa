using Coopah.Web.Data;
using Coopah.Core.Plans;
using Coopah.Web.Plans;

namespace Coopah.Web.Tests.Plans;

public sealed class PlanTextTests
{
    [Theory]
    [InlineData("22:30", 1350)]
    [InlineData("1:45:00", 6300)]
    [InlineData(" 3:05:09 ", 11109)]
    public void ParseTime_ValidText_ReturnsSeconds(string text, int seconds) => Assert.Equal(seconds, PlanText.ParseTime(text));

    [Theory]
    [InlineData("")]
    [InlineData("22")]
    [InlineData("22:75")]
    [InlineData("1:2:3:4")]
    [InlineData("ab:cd")]
    [InlineData("-1:30")]
    public void ParseTime_InvalidText_ReturnsNull(string text) => Assert.Null(PlanText.ParseTime(text));

    [Fact]
    public void RunDayMask_RoundTrips()
    {
        DayOfWeek[] days = [DayOfWeek.Sunday, DayOfWeek.Tuesday, DayOfWeek.Saturday];

        Assert.Equal(days, PlanMapping.RunDayList(PlanMapping.RunDayMask(days)));
    }

    [Fact]
    public void Move_PastEitherEnd_LeavesTreeUnchanged()
    {
        var tree = StepNotation.Parse("10min warmup easy; 3x(400m interval interval; 90s recovery)");

        Assert.Equal(StepNotation.Format(tree), StepNotation.Format(StepTree.Move(tree, [0], -1)));
        Assert.Equal(StepNotation.Format(tree), StepNotation.Format(StepTree.Move(tree, [1, 1], 1)));
    }

    [Fact]
    public void Append_IntoNestedRepeat_AddsAtEnd()
    {
        var tree = StepNotation.Parse("2x(3x(200m interval repetition))");

        var result = StepTree.Append(tree, [0, 0], new WorkoutStep(StepIntensity.Recovery, StepDuration.Seconds(60), StepTarget.Open));

        Assert.Equal("2x(3x(200m interval repetition; 1min recovery))", StepNotation.Format(result));
    }
}
