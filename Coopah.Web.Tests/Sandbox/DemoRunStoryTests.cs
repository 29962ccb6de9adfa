using Coopah.Core.Plans;
using Coopah.Web.Sandbox;

namespace Coopah.Web.Tests.Sandbox;

/// <summary>Which past sessions carry the demo story's twists.</summary>
public sealed class DemoRunStoryTests
{
    private static readonly DateOnly Monday = new(2026, 11, 2);

    /// <summary>Tue intervals, Thu easy, Sat tempo, Sun long (by km), for <paramref name="weeks"/> weeks from <see cref="Monday"/>.</summary>
    private static List<DemoSession> Weeks(int weeks)
    {
        var sessions = new List<DemoSession>();
        for (var w = 0; w < weeks; w++)
        {
            var monday = Monday.AddDays(7 * w);
            sessions.Add(new(sessions.Count + 1, monday.AddDays(1), SessionKind.Intervals, true));
            sessions.Add(new(sessions.Count + 1, monday.AddDays(3), SessionKind.Easy));
            sessions.Add(new(sessions.Count + 1, monday.AddDays(5), SessionKind.Tempo));
            sessions.Add(new(sessions.Count + 1, monday.AddDays(6), SessionKind.Long, true));
        }

        return sessions;
    }

    [Fact]
    public void TwistsFor_ThreeRunners_ShareEveryTwistOnce()
    {
        var shared = Enumerable.Range(0, 3).SelectMany(i => DemoRunStory.TwistsFor(i, 3)).ToList();

        Assert.Equal(DemoRunStory.All.Order(), shared.Order());
        Assert.Equal(DemoRunStory.All, DemoRunStory.TwistsFor(0, 1));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Plan_OneRunner_GetsEveryTwistOnAFittingSession(int weeks)
    {
        var sessions = Weeks(weeks);
        var today = Monday.AddDays(7 * weeks);

        var plan = DemoRunStory.Plan(sessions, DemoRunStory.All, Monday, today);

        var byTwist = plan.Twists.ToDictionary(t => t.Value, t => sessions.Single(s => s.Id == t.Key));
        Assert.Equal(DemoRunStory.All.Where(t => t != DemoTwist.Unplanned).Order(), byTwist.Keys.Order());
        Assert.Equal(SessionKind.Long, byTwist[DemoTwist.TooSlow].Kind);
        Assert.Contains(byTwist[DemoTwist.TooFast].Kind, new[] { SessionKind.Intervals, SessionKind.Tempo });
        Assert.Equal(SessionKind.Easy, byTwist[DemoTwist.AutoLapOnly].Kind);

        var unplanned = Assert.IsType<DateOnly>(plan.UnplannedDay);
        Assert.DoesNotContain(sessions, s => s.Date == unplanned);
        Assert.True(unplanned < today.AddDays(-1));
        var missed = byTwist[DemoTwist.Missed];
        Assert.True(Math.Abs(missed.Date.DayNumber - unplanned.DayNumber) > 1);
        Assert.NotEqual(sessions.MaxBy(s => s.Date), missed);
    }

    [Fact]
    public void Plan_SameInput_SameStory()
    {
        var sessions = Weeks(3);
        var today = Monday.AddDays(21);

        var first = DemoRunStory.Plan(sessions, DemoRunStory.All, Monday, today);
        var second = DemoRunStory.Plan(sessions, DemoRunStory.All, Monday, today);

        Assert.Equal(first.Twists.OrderBy(t => t.Key), second.Twists.OrderBy(t => t.Key));
        Assert.Equal(first.UnplannedDay, second.UnplannedDay);
    }

    [Fact]
    public void Plan_NoSessions_NoTwistsButAnUnplannedRun()
    {
        var plan = DemoRunStory.Plan([], DemoRunStory.All, Monday, Monday.AddDays(7));

        Assert.Empty(plan.Twists);
        Assert.Equal(Monday.AddDays(5), plan.UnplannedDay);
    }
}
