using Coopah.Core.Plans;
using Coopah.Core.Plans.Templates;

namespace Coopah.Web.Tests.Core.Plans;

public sealed class SessionEstimatorTests
{
    private static readonly EstimateOptions TwentyMinuteFiveK = new() { Paces = PersonalPaces.FromRace(5000, 20 * 60) };

    [Theory]
    [InlineData("10min active @ 5:00/km", 600, 2000, 0)]
    [InlineData("5km active @ 4:00-4:20/km", 1250, 5000, 0)]
    [InlineData("3x(1km interval @ 4:00/km; 60s rest)", 900, 3000, 0)]
    [InlineData("2x(2x(400m interval @ 4:00/km))", 384, 1600, 0)]
    [InlineData("lap active @ 5:00/km", 300, 1000, 1)]
    [InlineData("3x(lap active @ 5:00/km)", 900, 3000, 3)]
    [InlineData("500m rest", 360, 500, 0)]
    [InlineData("2min rest; lap rest", 420, 0, 1)]
    [InlineData("10min active easy", 600, 1843, 0)]
    [InlineData("10min active @ hr4", 600, 2317, 0)]
    [InlineData("1km interval", 237, 1000, 0)]
    public void Estimate_Session_ReturnsDurationAndDistance(string notation, int seconds, double metres, int openSteps)
    {
        var estimate = SessionEstimator.Estimate(StepNotation.Parse(notation), TwentyMinuteFiveK);

        Assert.Equal(seconds, estimate.DurationSeconds);
        Assert.Equal(metres, estimate.DistanceMetres);
        Assert.Equal(openSteps, estimate.OpenSteps);
        Assert.Equal(openSteps > 0, estimate.IsApproximate);
    }

    [Fact]
    public void Estimate_OpenStepDefault_IsConfigurable()
    {
        var options = TwentyMinuteFiveK with { OpenStepSeconds = 600 };

        var estimate = SessionEstimator.Estimate(StepNotation.Parse("lap warmup @ 6:00/km"), options);

        Assert.Equal(600, estimate.DurationSeconds);
        Assert.Equal(1667, estimate.DistanceMetres);
    }

    [Fact]
    public void EstimateWeek_TwoSessions_SumsThem()
    {
        IReadOnlyList<StepNode>[] sessions =
        [
            StepNotation.Parse("10min active @ 5:00/km"),
            StepNotation.Parse("5km active @ 4:00-4:20/km; lap cooldown @ 6:00/km"),
        ];

        var week = SessionEstimator.EstimateWeek(sessions, TwentyMinuteFiveK);

        Assert.Equal(600 + 1250 + 300, week.DurationSeconds);
        Assert.Equal(2000 + 5000 + 833, week.DistanceMetres);
        Assert.Equal(1, week.OpenSteps);
    }

    [Fact]
    public void EstimateWeek_MarathonTemplate_PeaksBeforeTaper()
    {
        var template = PlanTemplates.ForGoal(GoalDistanceKind.Marathon)!;

        var weekly = Enumerable.Range(1, template.Weeks).Select(w => SessionEstimator.EstimateWeek(template, w).DistanceMetres).ToList();

        var peak = weekly.IndexOf(weekly.Max()) + 1;
        Assert.InRange(peak, 10, 15);
        Assert.True(weekly[16] < weekly[14] * 0.8, "Week 17 should be a taper week.");
        Assert.InRange(weekly.Max() / 1000, 55, 90);
    }
}
