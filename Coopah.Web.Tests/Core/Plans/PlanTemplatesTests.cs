using Coopah.Core.Plans;
using Coopah.Core.Plans.Templates;

namespace Coopah.Web.Tests.Core.Plans;

public sealed class PlanTemplatesTests
{
    public static TheoryData<string> Ids => [.. PlanTemplates.All.Select(t => t.Id)];

    [Theory]
    [InlineData(GoalDistanceKind.FiveK, "5k-6w", 6)]
    [InlineData(GoalDistanceKind.TenK, "10k-6w", 6)]
    [InlineData(GoalDistanceKind.HalfMarathon, "half-12w", 12)]
    [InlineData(GoalDistanceKind.Marathon, "marathon-18w", 18)]
    public void ForGoal_StandardDistance_ReturnsSeedTemplate(GoalDistanceKind goal, string id, int weeks)
    {
        var template = PlanTemplates.ForGoal(goal);

        Assert.NotNull(template);
        Assert.Equal(id, template.Id);
        Assert.Equal(weeks, template.Weeks);
    }

    [Fact]
    public void ForGoal_Custom_ReturnsNull()
    {
        Assert.Null(PlanTemplates.ForGoal(GoalDistanceKind.Custom));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void ValidateTemplate_SeedTemplate_HasNoIssues(string id)
    {
        var issues = PlanValidator.ValidateTemplate(PlanTemplates.Find(id)!);

        Assert.Empty(issues.Select(i => i.Path + ": " + i.Message));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void All_EveryWeek_HasSessionsAndEndsWithRaceOnLastWeek(string id)
    {
        var template = PlanTemplates.Find(id)!;

        Assert.All(Enumerable.Range(1, template.Weeks), w => Assert.NotEmpty(template.SessionsInWeek(w)));
        Assert.Equal(SessionKind.Race, template.SessionsInWeek(template.Weeks)[^1].Kind);
        Assert.Single(template.Sessions, s => s.Kind == SessionKind.Race);
        Assert.NotEmpty(template.BaseWeek);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void All_Content_HasWarmupsStridesTempoIntervalsAndLongRuns(string id)
    {
        var template = PlanTemplates.Find(id)!;
        var text = string.Join("\n", template.Sessions.Select(s => StepNotation.Format(s.Steps)));

        Assert.Contains("warmup", text, StringComparison.Ordinal);
        Assert.Contains("4x(20s interval repetition; 1min recovery)", text, StringComparison.Ordinal);
        Assert.Contains(template.Sessions, s => s.Kind == SessionKind.Tempo);
        Assert.Contains(template.Sessions, s => s.Kind == SessionKind.Intervals);
        Assert.True(template.Sessions.Count(s => s.Kind == SessionKind.Long) >= template.Weeks - 1);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void All_LastWeeks_TaperBelowPeak(string id)
    {
        var template = PlanTemplates.Find(id)!;
        var weekly = Enumerable.Range(1, template.Weeks - 1).Select(w => SessionEstimator.EstimateWeek(template, w).DistanceMetres).ToList();

        Assert.True(weekly[^1] < weekly.Max(), "The week before race week should be lighter than the peak week.");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void All_Notation_RoundTrips(string id)
    {
        var template = PlanTemplates.Find(id)!;

        foreach (var session in template.Sessions.Concat(template.BaseWeek))
        {
            var reparsed = StepNotation.Parse(StepNotation.Format(session.Steps));

            Assert.True(session.Steps.SequenceEqual(reparsed), session.Name);
        }
    }

    [Fact]
    public void All_RaceSessions_CoverGoalDistance()
    {
        foreach (var template in PlanTemplates.All)
        {
            var race = template.Sessions.Single(s => s.Kind == SessionKind.Race);

            var distance = SessionEstimator.Estimate(race.Steps).DistanceMetres;

            Assert.InRange(distance, template.Goal.Metres, template.Goal.Metres + 8000);
        }
    }
}
