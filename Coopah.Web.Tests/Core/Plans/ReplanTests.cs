using Coopah.Core.Plans;
using Coopah.Core.Plans.Scheduling;
using static Coopah.Web.Tests.Core.Plans.SchedulingTestData;

namespace Coopah.Web.Tests.Core.Plans;

public sealed class ReplanTests
{
    /// <summary>The equal-period schedule (2026-11-30..12-27) with ids 1..15 and week 3's tempo moved to Friday by hand.</summary>
    private static List<ScheduledSession> Existing()
    {
        var sessions = GoalScheduler.Schedule(Request(D("2026-11-30"), goal: D("2026-12-27"))).Sessions
            .Select((s, i) => s with { Id = i + 1 })
            .ToList();
        var tempo = sessions.FindIndex(s => s.PlanWeek == 3 && s.Kind == SessionKind.Tempo);
        sessions[tempo] = sessions[tempo] with { Date = D("2026-12-18"), EditedByHand = true, Name = "Tempo (moved)" };
        return sessions;
    }

    [Fact]
    public void Replan_SameGoal_ChangesNothing()
    {
        var existing = Existing();

        var result = GoalScheduler.Replan(existing, Request(D("2026-12-10"), goal: D("2026-12-27")));

        Assert.Equal(0, result.Diff.ChangedCount);
        Assert.Equal(9, result.Diff.Unchanged);
        Assert.Equal(1, result.Diff.KeptByHand);
        Assert.Equal(
            existing.OrderBy(s => s.Date).Select(s => (s.Id, s.Date)),
            result.Sessions.Select(s => (s.Id, s.Date)));
    }

    [Fact]
    public void Replan_GoalOneWeekLater_MovesFutureSessionsAndKeepsEditedAndPast()
    {
        var existing = Existing();

        var result = GoalScheduler.Replan(existing, Request(D("2026-12-10"), goal: D("2027-01-03")));

        Assert.Equal((0, 0, 9, 0), (result.Diff.Added, result.Diff.Removed, result.Diff.Moved, result.Diff.Unchanged));
        Assert.Equal(9, result.Diff.ChangedCount);
        var editedBefore = existing.Single(s => s.EditedByHand);
        var edited = Assert.Single(result.Sessions, s => s.EditedByHand);
        Assert.Equal((editedBefore.Id, D("2026-12-18"), "Tempo (moved)"), (edited.Id, edited.Date, edited.Name));
        Assert.Equal(existing.Where(s => s.Date < D("2026-12-10")), result.Sessions.Where(s => s.Date < D("2026-12-10")));
        Assert.Equal(D("2027-01-03"), result.Sessions.Single(s => s.Kind == SessionKind.Race).Date);
        Assert.Single(result.Sessions, s => s.Source == edited.Source);
        Assert.All(result.Diff.Changes.Where(c => c.Kind == SessionChangeKind.Moved), c => Assert.Equal(c.Before!.Id, c.After!.Id));
    }

    [Fact]
    public void Replan_GoalEarlier_RemovesSessionsAndNeverTouchesThePast()
    {
        var existing = Existing();

        var result = GoalScheduler.Replan(existing, Request(D("2026-12-10"), goal: D("2026-12-20")));

        Assert.True(result.Diff.Removed > 0);
        Assert.Equal(result.Diff.Added + result.Diff.Removed + result.Diff.Moved, result.Diff.ChangedCount);
        Assert.Equal(D("2026-12-20"), result.Sessions.Single(s => s.Kind == SessionKind.Race).Date);
        Assert.Equal(5, result.Sessions.Count(s => s.Date < D("2026-12-10")));
        Assert.Contains(result.Sessions, s => s.EditedByHand && s.Date == D("2026-12-18"));
        Assert.DoesNotContain(result.Sessions, s => s.Date > D("2026-12-20") && !s.EditedByHand);
    }

    [Fact]
    public void Replan_RunnerAddedHardSession_KeptAndNewHardSessionsAvoidItsNeighbours()
    {
        var existing = Existing();
        existing.Add(new ScheduledSession
        {
            Date = D("2026-12-23"),
            Name = "Club race",
            Kind = SessionKind.Race,
            Steps = StepNotation.Parse("5km active interval"),
        });

        var result = GoalScheduler.Replan(existing, Request(D("2026-12-10"), goal: D("2027-01-03")));

        Assert.Single(result.Sessions, s => s.Date == D("2026-12-23"));
        Assert.Contains(result.Sessions, s => s.Name == "Club race");
        Assert.Equal(2, result.Diff.KeptByHand);
        Assert.Equal(D("2026-12-26"), result.Sessions.Single(s => s.Source is { Week: 3, Order: 1 }).Date);
        var hardDates = result.Sessions.Where(s => s.Date >= D("2026-12-21") && s.Kind.IsHard()).Select(s => s.Date).Order().ToList();
        Assert.DoesNotContain(hardDates.Zip(hardDates.Skip(1)), p => p.Second.DayNumber - p.First.DayNumber == 1);
    }

    [Fact]
    public void Replan_KeptSessionsLeaveNoGap_SaysHardSessionsAreBackToBack()
    {
        var existing = Existing();
        existing.Add(new ScheduledSession
        {
            Date = D("2026-12-15"),
            Name = "Parkrun",
            Kind = SessionKind.Race,
            Steps = StepNotation.Parse("5km active interval"),
        });

        var result = GoalScheduler.Replan(existing, Request(D("2026-12-10"), goal: D("2027-01-03")));

        Assert.Contains(result.Messages, m => m.Contains("back to back", StringComparison.Ordinal));
    }

    [Fact]
    public void Replan_SkippedSession_IsNotAddedAgainAndFreesItsDay()
    {
        var existing = Existing();
        var easy = existing.FindIndex(s => s.PlanWeek == 3 && s.Kind == SessionKind.Easy);
        existing[easy] = existing[easy] with { Skipped = true };

        var result = GoalScheduler.Replan(existing, Request(D("2026-12-10"), goal: D("2027-01-03")));

        Assert.Single(result.Sessions, s => s.Source == existing[easy].Source);
        Assert.True(result.Sessions.Single(s => s.Source == existing[easy].Source).Skipped);
        Assert.Equal(8, result.Diff.Moved);
        Assert.Equal(2, result.Diff.KeptByHand);
    }

    [Fact]
    public void Replan_DifferentTemplate_ReplacesAllFutureGeneratedSessions()
    {
        var existing = Existing();
        var other = Template with { Id = "other-4w" };

        var result = GoalScheduler.Replan(existing, Request(D("2026-12-10"), goal: D("2027-01-03"), template: other));

        Assert.Equal(9, result.Diff.Removed);
        Assert.Equal(0, result.Diff.Moved + result.Diff.Unchanged);
        Assert.Equal(result.Diff.Added, result.Sessions.Count(s => s.Source?.TemplateId == "other-4w"));
        Assert.Contains(result.Sessions, s => s.EditedByHand);
    }
}
