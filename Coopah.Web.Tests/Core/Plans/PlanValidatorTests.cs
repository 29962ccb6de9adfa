using Coopah.Core.Plans;

namespace Coopah.Web.Tests.Core.Plans;

public sealed class PlanValidatorTests
{
    [Theory]
    [InlineData("10min warmup easy; 6x(800m interval @ 3:50-4:00/km; 90s recovery); 10min cooldown")]
    [InlineData("lap interval @ 4:00/km")]
    [InlineData("lap interval threshold")]
    [InlineData("1x(1km interval); 99x(200m interval; 200m recovery)")]
    [InlineData("1km interval @ 2:00-15:00/km")]
    [InlineData("lap warmup; lap cooldown; 10min active @ hr1; 10min active @ hr5")]
    public void ValidateSteps_ValidTree_ReturnsNoIssues(string notation)
    {
        var issues = PlanValidator.ValidateSteps(StepNotation.Parse(notation));

        Assert.Empty(issues);
    }

    [Theory]
    [InlineData("lap interval", ValidationCodes.IntervalWithoutMeasure, "step 1")]
    [InlineData("lap interval @ hr4", ValidationCodes.IntervalWithoutMeasure, "step 1")]
    [InlineData("10min warmup; 2x(lap interval; 1min recovery)", ValidationCodes.IntervalWithoutMeasure, "step 2.1")]
    [InlineData("10min warmup; 2x(1min active; 3x(lap interval))", ValidationCodes.IntervalWithoutMeasure, "step 2.2.1")]
    [InlineData("0x(1km interval)", ValidationCodes.RepeatCount, "step 1")]
    [InlineData("1km warmup; 100x(1km interval)", ValidationCodes.RepeatCount, "step 2")]
    [InlineData("1km interval @ 4:10-4:00/km", ValidationCodes.PaceRangeOrder, "step 1")]
    [InlineData("1km interval @ 1:50-2:10/km", ValidationCodes.PaceImplausible, "step 1")]
    [InlineData("1km interval @ 14:00-15:01/km", ValidationCodes.PaceImplausible, "step 1")]
    [InlineData("0s active", ValidationCodes.DurationValue, "step 1")]
    [InlineData("0m active", ValidationCodes.DurationValue, "step 1")]
    [InlineData("25h active", ValidationCodes.DurationValue, "step 1")]
    [InlineData("1km active @ hr6", ValidationCodes.HeartRateZone, "step 1")]
    [InlineData("1km active @ hr0", ValidationCodes.HeartRateZone, "step 1")]
    public void ValidateSteps_InvalidTree_ReportsCodeAndPath(string notation, string code, string path)
    {
        var issues = PlanValidator.ValidateSteps(StepNotation.Parse(notation));

        var issue = Assert.Single(issues);
        Assert.Equal(code, issue.Code);
        Assert.Equal(path, issue.Path);
        Assert.Contains(path, issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateSteps_NestedInterval_ReturnsIndexPath()
    {
        var issues = PlanValidator.ValidateSteps(StepNotation.Parse("10min warmup; 2x(1min active; 3x(lap interval))"));

        Assert.Equal([1, 1, 0], Assert.Single(issues).StepPath);
    }

    [Fact]
    public void ValidateSteps_EmptySession_ReportsNoSteps()
    {
        var issues = PlanValidator.ValidateSteps([]);

        Assert.Equal(ValidationCodes.NoSteps, Assert.Single(issues).Code);
    }

    [Fact]
    public void ValidateSteps_EmptyRepeat_ReportsEmptyRepeat()
    {
        var issues = PlanValidator.ValidateSteps([new RepeatBlock(3, [])]);

        Assert.Equal(ValidationCodes.EmptyRepeat, Assert.Single(issues).Code);
    }

    [Fact]
    public void ValidateSteps_SeveralProblems_ReportsAllInTreeOrder()
    {
        var issues = PlanValidator.ValidateSteps(StepNotation.Parse("lap interval; 0x(1km interval @ 5:00-4:00/km)"));

        Assert.Equal(
            [ValidationCodes.IntervalWithoutMeasure, ValidationCodes.RepeatCount, ValidationCodes.PaceRangeOrder],
            issues.Select(i => i.Code));
    }

    [Fact]
    public void ValidateSteps_NoteLongerThanGarminAllows_ReportsNoteTooLong()
    {
        WorkoutStep[] steps = [new(StepIntensity.Active, StepDuration.Minutes(5), StepTarget.Open, new string('a', 513))];

        var issues = PlanValidator.ValidateSteps(steps);

        Assert.Equal(ValidationCodes.NoteTooLong, Assert.Single(issues).Code);
    }

    [Theory]
    [InlineData(49, 2, 100, false)]
    [InlineData(49, 3, 101, true)]
    [InlineData(0, 100, 100, false)]
    [InlineData(0, 101, 101, true)]
    public void ValidateSteps_GarminStepCount_EnforcesLimitOfHundred(int repeatBlocks, int singleSteps, int expectedCount, bool overLimit)
    {
        var steps = new List<StepNode>();
        for (var i = 0; i < repeatBlocks; i++)
        {
            steps.Add(StepNotation.Parse("99x(200m interval)")[0]);
        }

        for (var i = 0; i < singleSteps; i++)
        {
            steps.Add(StepNotation.Parse("1min active")[0]);
        }

        var issues = PlanValidator.ValidateSteps(steps);

        Assert.Equal(expectedCount, PlanValidator.CountGarminSteps(steps));
        Assert.Equal(overLimit, issues.Any(i => i.Code == ValidationCodes.GarminStepLimit));
    }

    [Theory]
    [InlineData("10min warmup; 30x(400m interval; 60s recovery); 10min cooldown", 5)]
    [InlineData("2x(3x(200m interval; 200m recovery); 3min rest)", 5)]
    [InlineData("1min active", 1)]
    public void CountGarminSteps_Repeats_CountsBlockAndChildrenOnce(string notation, int expected)
    {
        var count = PlanValidator.CountGarminSteps(StepNotation.Parse(notation));

        Assert.Equal(expected, count);
    }

    [Theory]
    [InlineData("2x(0s active)", "The time of step 1.1 must be between 1 s and 24 h (is 0 s).")]
    [InlineData("lap interval", "Interval at step 1 needs a time, a distance or a pace.")]
    public void ValidateSteps_Problem_NamesTheStepOnce(string notation, string message) =>
        Assert.Equal(message, Assert.Single(PlanValidator.ValidateSteps(StepNotation.Parse(notation))).Message);

    [Fact]
    public void ValidateTemplate_BrokenShape_ReportsEachProblem()
    {
        var steps = StepNotation.Parse("30min active easy");
        var template = new PlanTemplate
        {
            Id = "t",
            Name = "Broken",
            Goal = GoalDistance.TenK,
            Weeks = 2,
            MinimumWeeks = 3,
            Sessions =
            [
                new(1, 1, "A", SessionKind.Easy, steps),
                new(1, 1, "B", SessionKind.Easy, steps),
                new(3, 1, "C", SessionKind.Easy, steps),
                new(2, 1, "D", SessionKind.Intervals, StepNotation.Parse("lap interval")),
            ],
            BaseWeek = [new(0, 1, "E", SessionKind.Tempo, steps)],
        };

        var issues = PlanValidator.ValidateTemplate(template);

        Assert.Contains(issues, i => i.Message.Contains("Minimum weeks (3)", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Message.Contains("more than one session with order 1", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Message.Contains("'C' is in week 3", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Message.Contains("Base-week session 'E'", StringComparison.Ordinal));
        var stepIssue = Assert.Single(issues, i => i.Code == ValidationCodes.IntervalWithoutMeasure);
        Assert.Equal("Broken, week 2, session 1 'D', step 1", stepIssue.Path);
    }
}
