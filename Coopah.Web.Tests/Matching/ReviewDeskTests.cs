using System.Net;
using Coopah.Web.Data;
using Coopah.Web.Matching;
using Coopah.Web.Plans;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Coopah.Web.Tests.Matching;

/// <summary>The run page, comments and review marks: who may see and change what.</summary>
public sealed class ReviewDeskTests(MatchingFactory factory) : IClassFixture<MatchingFactory>
{
    private static readonly DateOnly Day = new(2026, 10, 20);

    /// <summary>A runner coached by Anna, linked, with one matched run.</summary>
    private async Task<(string RunnerId, HttpClient Runner, MatchedRun Run)> CoachedRunAsync(string name, DateOnly? on = null)
    {
        var day = on ?? Day;
        var (runnerId, garminUserId, client) = await factory.LinkedRunnerAsync(name);
        await factory.QueryAsync(async db =>
        {
            var anna = await db.Users.SingleAsync(u => u.Email == DemoLogins.CoachAnna);
            var runner = await db.Users.SingleAsync(u => u.Id == runnerId);
            runner.CoachId = anna.Id;
            return await db.SaveChangesAsync();
        });
        await factory.AddSessionAsync(runnerId, day, 40, "Steady 40");
        await factory.PushSummaryAsync(garminUserId, 7_000_000 + Math.Abs(name.GetHashCode(StringComparison.Ordinal) % 100_000), day.ToDateTime(new TimeOnly(6, 0), DateTimeKind.Utc), 0, 40 * 60, "[CP0] Steady 40");
        var run = Assert.Single(await factory.SettledRunsAsync(runnerId, runs => runs.Count == 1 && runs[0].SessionId is not null));
        return (runnerId, client, run);
    }

    private async Task<string> UserIdAsync(string email) => await factory.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task RunPage_OpensForTheRunnerAndTheirCoach_AndIs404ForEveryoneElse()
    {
        var (_, runner, run) = await CoachedRunAsync("page-access");
        using var anna = await factory.SignInAsync(DemoLogins.CoachAnna, DemoLogins.CoachPassword);
        using var ben = await factory.SignInAsync(DemoLogins.CoachBen, DemoLogins.CoachPassword);
        var (_, stranger) = await factory.NewRunnerAsync("stranger@match.test");

        var own = await runner.GetAsync($"/runs/{run.Id}");
        var coach = await anna.GetAsync($"/runs/{run.Id}");
        var otherCoach = await ben.GetAsync($"/runs/{run.Id}");
        var otherRunner = await stranger.GetAsync($"/runs/{run.Id}");
        var missing = await anna.GetAsync("/runs/999999999");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, coach.StatusCode);
        var html = await coach.Content.ReadAsStringAsync();
        Assert.Contains("Steady 40", html, StringComparison.Ordinal);
        Assert.DoesNotContain("[CP0]", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, otherCoach.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherRunner.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.DoesNotContain("Steady 40", await otherCoach.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The coach reaches the athlete page from the runner's name; the runner's own page has no such link.
        Assert.Contains($"href=\"coach/athletes/{run.RunnerId}\"", html, StringComparison.Ordinal);
        var ownHtml = await own.Content.ReadAsStringAsync();
        Assert.DoesNotContain("data-testid=\"run-athlete\"", ownHtml, StringComparison.Ordinal);
        // Reviewed and flag are the coach's marks: the runner's page has no buttons for them.
        Assert.Contains("data-testid=\"toggle-reviewed\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"toggle-flag\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"toggle-reviewed\"", ownHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"toggle-flag\"", ownHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Comments_AreStored_AndShownToTheOtherSide()
    {
        var (runnerId, runner, run) = await CoachedRunAsync("comments");
        var annaId = await UserIdAsync(DemoLogins.CoachAnna);
        await using var scope = factory.Services.CreateAsyncScope();
        var details = scope.ServiceProvider.GetRequiredService<RunDetails>();

        Assert.Equal(CommentResult.Added, await details.AddCommentAsync(Viewer.Coach(annaId), run.Id, "  Great pacing on the reps <script>alert(1)</script>  "));
        Assert.Equal(CommentResult.Added, await details.AddCommentAsync(Viewer.Runner(runnerId), run.Id, "Thanks! Legs felt heavy."));
        Assert.Equal(CommentResult.Empty, await details.AddCommentAsync(Viewer.Runner(runnerId), run.Id, "   "));
        Assert.Equal(CommentResult.TooLong, await details.AddCommentAsync(Viewer.Runner(runnerId), run.Id, new string('x', RunComment.MaxLength + 1)));
        var benId = await UserIdAsync(DemoLogins.CoachBen);
        Assert.Equal(CommentResult.NotFound, await details.AddCommentAsync(Viewer.Coach(benId), run.Id, "Not my athlete"));

        var view = await details.GetAsync(Viewer.Runner(runnerId), run.Id);
        Assert.NotNull(view);
        Assert.Equal(["Great pacing on the reps <script>alert(1)</script>", "Thanks! Legs felt heavy."], view.Comments.Select(c => c.Body));
        Assert.True(view.Comments[0].ByCoach);
        Assert.False(view.Comments[1].ByCoach);
        var html = await runner.GetStringAsync($"/runs/{run.Id}");
        Assert.Contains("Great pacing on the reps &lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Equal(2, await factory.QueryAsync(db => db.RunComments().CountAsync(c => c.RunId == run.Id)));
    }

    [Fact]
    public async Task ReviewMarks_AreTheCoachs_AndTheQueueDropsReviewedRuns()
    {
        var (runnerId, _, run) = await CoachedRunAsync("review-marks");
        var annaId = await UserIdAsync(DemoLogins.CoachAnna);
        var benId = await UserIdAsync(DemoLogins.CoachBen);
        await using var scope = factory.Services.CreateAsyncScope();
        var desk = scope.ServiceProvider.GetRequiredService<ReviewDesk>();

        Assert.Contains(await desk.QueueAsync(Viewer.Coach(annaId), new ReviewFilter(runnerId)), r => r.Id == run.Id);
        Assert.DoesNotContain(await desk.QueueAsync(Viewer.Coach(benId), new ReviewFilter()), r => r.Id == run.Id);
        var before = await desk.UnreviewedCountAsync(Viewer.Coach(annaId));

        Assert.Equal(0, await desk.SetReviewedAsync(Viewer.Runner(runnerId), [run.Id], true));
        Assert.Equal(0, await desk.SetReviewedAsync(Viewer.Coach(benId), [run.Id], true));
        Assert.False(await desk.SetFlagAsync(Viewer.Runner(runnerId), run.Id, true));
        Assert.Equal(1, await desk.SetReviewedAsync(Viewer.Coach(annaId), [run.Id, run.Id], true));
        Assert.True(await desk.SetFlagAsync(Viewer.Coach(annaId), run.Id, true));

        Assert.DoesNotContain(await desk.QueueAsync(Viewer.Coach(annaId), new ReviewFilter(runnerId)), r => r.Id == run.Id);
        var withReviewed = await desk.QueueAsync(Viewer.Coach(annaId), new ReviewFilter(runnerId, FlaggedOnly: true, IncludeReviewed: true));
        var item = Assert.Single(withReviewed);
        Assert.True(item.Reviewed);
        Assert.True(item.Flagged);
        Assert.Equal(before - 1, await desk.UnreviewedCountAsync(Viewer.Coach(annaId)));
    }

    [Fact]
    public async Task ReviewQueuePage_ListsTheRun_WithItsResultInWords()
    {
        var (_, _, run) = await CoachedRunAsync("queue-page");
        using var anna = await factory.SignInAsync(DemoLogins.CoachAnna, DemoLogins.CoachPassword);

        var html = await anna.GetStringAsync("/coach/review");

        Assert.Contains($"data-run=\"{run.Id}\"", html, StringComparison.Ordinal);
        Assert.Contains("Steady 40", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"state-chip\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rematch_ByAnotherCoach_IsRefused()
    {
        var (_, _, run) = await CoachedRunAsync("rematch-refused");
        var benId = await UserIdAsync(DemoLogins.CoachBen);
        await using var scope = factory.Services.CreateAsyncScope();

        var result = await scope.ServiceProvider.GetRequiredService<RunPairing>().PairAsync(Viewer.Coach(benId), run.Id, null);

        Assert.Equal(PairingResult.NotFound, result);
        Assert.False(await factory.QueryAsync(db => db.Runs().Where(r => r.Id == run.Id).Select(r => r.MatchLocked).SingleAsync()));
    }

    [Fact]
    public async Task AthletesPage_ShowsTheRunnerWithThisWeeksNumbers()
    {
        var (runnerId, _, _) = await CoachedRunAsync("athletes-page");
        using var anna = await factory.SignInAsync(DemoLogins.CoachAnna, DemoLogins.CoachPassword);

        var html = await anna.GetStringAsync("/coach/athletes");
        var athlete = await anna.GetStringAsync($"/coach/athletes/{runnerId}");

        Assert.Contains("athletes-page@match.test", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"last-seven\"", html, StringComparison.Ordinal);
        Assert.Contains("Steady 40", athlete, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"volume-chart\"", athlete, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AthletesTable_CountsThisWeek_MarksTheLastSevenDays_AndCountsWhatIsLeftToReview()
    {
        var (runnerId, _, run) = await CoachedRunAsync("athletes-numbers");
        // Monday of the same week, never run: planned, not done, and missed in the strip.
        await factory.AddSessionAsync(runnerId, Day.AddDays(-1), 30, "Easy 30");
        var annaId = await UserIdAsync(DemoLogins.CoachAnna);
        // The table's "today" is the run's day (a Tuesday), so the week and the strip are fixed whatever the real date.
        var desk = new AthleteDesk(factory.Services.GetRequiredService<IDbContextFactory<CoopahDbContext>>(),
            new FakeTimeProvider(new DateTimeOffset(Day.ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero)));

        var row = Assert.Single(await desk.AthletesAsync(Viewer.Coach(annaId)), r => r.RunnerId == runnerId);

        Assert.Equal(2, row.WeekPlannedSessions);
        Assert.Equal(1, row.WeekDoneSessions);
        Assert.Equal(70 * 60, row.WeekPlannedSeconds, 0.5);
        Assert.Equal(40 * 60, row.WeekDoneSeconds, 0.5);
        Assert.Equal(run.DistanceMetres ?? 0, row.WeekDoneMetres, 0.5);
        Assert.Equal(Day, row.LastRun);
        Assert.Equal(1, row.Unreviewed);
        Assert.Equal(GarminLinkStatus.Active, row.Link);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => Day.AddDays(i - 6)), row.LastSevenDays.Select(d => d.Date));
        Assert.Equal([null, null, null, null, null, RunState.Missed, RunStates.FromColour(run.Colour)], row.LastSevenDays.Select(d => d.State));
        Assert.NotEqual(RunState.Pending, row.LastSevenDays[6].State);
    }

    [Fact]
    public async Task Queue_FiltersByColourAndFlag_AndMarksSeveralRunsReviewedAtOnce()
    {
        var (runnerId, _, planned) = await CoachedRunAsync("queue-filters");
        var garminUserId = await factory.QueryAsync(db => db.GarminLinks.Where(l => l.UserId == runnerId).Select(l => l.GarminUserId).SingleAsync());
        // Three days later, no session anywhere near: an unplanned run.
        await factory.PushSummaryAsync(garminUserId, 7_200_001, Day.AddDays(3).ToDateTime(new TimeOnly(7, 0), DateTimeKind.Utc), 0, 25 * 60, "Lunch Run");
        var runs = await factory.SettledRunsAsync(runnerId, r => r.Count == 2);
        var unplanned = Assert.Single(runs, r => r.SessionId is null);
        var annaId = await UserIdAsync(DemoLogins.CoachAnna);
        var anna = Viewer.Coach(annaId);
        await using var scope = factory.Services.CreateAsyncScope();
        var desk = scope.ServiceProvider.GetRequiredService<ReviewDesk>();
        var plannedState = RunStates.FromColour(planned.Colour);

        var all = await desk.QueueAsync(anna, new ReviewFilter(runnerId));
        Assert.Equal([unplanned.Id, planned.Id], all.Select(r => r.Id));
        Assert.Equal([unplanned.Id], (await desk.QueueAsync(anna, new ReviewFilter(runnerId, RunState.Unplanned))).Select(r => r.Id));
        Assert.Equal([planned.Id], (await desk.QueueAsync(anna, new ReviewFilter(runnerId, plannedState))).Select(r => r.Id));
        Assert.Empty(await desk.QueueAsync(anna, new ReviewFilter(runnerId, FlaggedOnly: true)));
        Assert.True(await desk.SetFlagAsync(anna, planned.Id, true));
        Assert.Equal([planned.Id], (await desk.QueueAsync(anna, new ReviewFilter(runnerId, FlaggedOnly: true))).Select(r => r.Id));
        var before = await desk.UnreviewedCountAsync(anna);

        Assert.Equal(2, await desk.SetReviewedAsync(anna, [planned.Id, unplanned.Id], true));

        Assert.Empty(await desk.QueueAsync(anna, new ReviewFilter(runnerId)));
        Assert.Equal(before - 2, await desk.UnreviewedCountAsync(anna));
        Assert.All(await desk.QueueAsync(anna, new ReviewFilter(runnerId, IncludeReviewed: true)), r => Assert.True(r.Reviewed));
    }

    [Fact]
    public async Task AthletePage_CalendarShowsTheRecentWeeks_WithDoneAndMissedSessionsLabelled()
    {
        // A week ago in real time: the calendar opens on the weeks just past, not on a month that has barely begun.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var done = today.AddDays(-8);
        var missed = today.AddDays(-9);
        var (runnerId, _, run) = await CoachedRunAsync("athlete-calendar", done);
        await factory.AddSessionAsync(runnerId, missed, 30, "Easy 30");
        using var anna = await factory.SignInAsync(DemoLogins.CoachAnna, DemoLogins.CoachPassword);

        var html = await anna.GetStringAsync($"/coach/athletes/{runnerId}");

        var doneDay = DayCell(html, done);
        Assert.Contains($"data-state=\"{RunStates.FromColour(run.Colour)}\"", doneDay, StringComparison.Ordinal);
        Assert.Contains($"href=\"runs/{run.Id}\"", doneDay, StringComparison.Ordinal);
        Assert.Contains("chip-icon", doneDay, StringComparison.Ordinal);
        var missedDay = DayCell(html, missed);
        Assert.Contains("data-state=\"Missed\"", missedDay, StringComparison.Ordinal);
        Assert.Contains("Easy 30: missed", missedDay, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CoachDashboard_NamesTheAthleteOfEachRunToReview_LinkedToTheAthletePage()
    {
        // Today: the newest run of Anna's athletes in this host, so it is among the dashboard's five.
        var (runnerId, _, run) = await CoachedRunAsync("dashboard-name", DateOnly.FromDateTime(DateTime.UtcNow));
        using var anna = await factory.SignInAsync(DemoLogins.CoachAnna, DemoLogins.CoachPassword);

        var html = await anna.GetStringAsync("/");

        var row = Between(html, $"data-testid=\"run-{run.Id}\"", "</tr>");
        Assert.Contains($"href=\"coach/athletes/{runnerId}\"", row, StringComparison.Ordinal);
        Assert.Contains("dashboard-name@match.test", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunnerCalendar_ShowsDoneAndMissedSessions_AndUnplannedRunsAsChipsThatOpenTheRun()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var done = today.AddDays(-8);
        var missed = today.AddDays(-10);
        var (runnerId, runner, run) = await CoachedRunAsync("runner-calendar", done);
        var missedSession = await factory.AddSessionAsync(runnerId, missed, 30, "Easy 30");
        var garminUserId = await factory.QueryAsync(db => db.GarminLinks.Where(l => l.UserId == runnerId).Select(l => l.GarminUserId).SingleAsync());
        // Two days before the missed session, nothing planned near it: an unplanned run.
        await factory.PushSummaryAsync(garminUserId, 7_300_001, missed.AddDays(-2).ToDateTime(new TimeOnly(7, 0), DateTimeKind.Utc), 0, 20 * 60, "Lunch Run");
        var unplanned = Assert.Single(await factory.SettledRunsAsync(runnerId, r => r.Count == 2), r => r.SessionId is null);

        var doneState = Between(await CalendarAtAsync(runner, done), $"data-testid=\"state-{run.SessionId}\"", ">");
        var missedState = Between(await CalendarAtAsync(runner, missed), $"data-testid=\"state-{missedSession}\"", ">");
        var html = await CalendarAtAsync(runner, missed.AddDays(-2));

        Assert.Contains($"data-state=\"{RunStates.FromColour(run.Colour)}\"", doneState, StringComparison.Ordinal);
        Assert.Contains("data-state=\"Missed\"", missedState, StringComparison.Ordinal);
        var marker = html.IndexOf($"data-testid=\"run-{unplanned.Id}\"", StringComparison.Ordinal);
        Assert.True(marker >= 0, "The unplanned run has no chip of its own.");
        var chip = html[html.LastIndexOf("<a ", marker, StringComparison.Ordinal)..html.IndexOf("</a>", marker, StringComparison.Ordinal)];
        Assert.Contains($"href=\"runs/{unplanned.Id}\"", chip, StringComparison.Ordinal);
        Assert.Contains("Lunch Run", chip, StringComparison.Ordinal);
        Assert.Contains("state-unplanned", chip, StringComparison.Ordinal);

        // The week view spells the state out; a past session carries no "goes to Garmin" badge any more.
        var week = await runner.GetStringAsync($"/calendar?date={PlanText.Iso(done)}&view=week");
        Assert.Contains(RunStates.Label(RunStates.FromColour(run.Colour)), Between(week, $"data-testid=\"state-label-{run.SessionId}\"", "</small>"), StringComparison.Ordinal);
        Assert.DoesNotContain($"data-testid=\"sync-{run.SessionId}\"", week, StringComparison.Ordinal);
    }

    private static Task<string> CalendarAtAsync(HttpClient runner, DateOnly day) => runner.GetStringAsync($"/calendar?date={PlanText.Iso(day)}&view=month");

    [Fact]
    public async Task RunnerDashboard_RecentRunsOpenTheirRunPages()
    {
        var (_, runner, run) = await CoachedRunAsync("runner-dashboard");

        var html = await runner.GetStringAsync("/");

        Assert.Contains($"href=\"runs/{run.Id}\"", Between(html, $"data-testid=\"run-{run.Id}\"", "</tr>"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RematchChoices_AreTheRunnersSessionsOfNearbyDays_SayingWhichHaveAnotherRun()
    {
        var (runnerId, _, run) = await CoachedRunAsync("rematch-choices");
        var dayBefore = await factory.AddSessionAsync(runnerId, Day.AddDays(-1), 30, "Day before");
        var threeAfter = await factory.AddSessionAsync(runnerId, Day.AddDays(3), 30, "Three days after");
        await factory.AddSessionAsync(runnerId, Day.AddDays(5), 30, "Too far");
        var (otherRunnerId, _) = await factory.NewRunnerAsync("rematch-other@match.test");
        await factory.AddSessionAsync(otherRunnerId, Day, 30, "Someone else's");
        var annaId = await UserIdAsync(DemoLogins.CoachAnna);
        var benId = await UserIdAsync(DemoLogins.CoachBen);
        await using var scope = factory.Services.CreateAsyncScope();
        var details = scope.ServiceProvider.GetRequiredService<RunDetails>();

        var forCoach = await details.ChoicesAsync(Viewer.Coach(annaId), run.Id);
        var forRunner = await details.ChoicesAsync(Viewer.Runner(runnerId), run.Id);

        Assert.Equal([dayBefore, run.SessionId!.Value, threeAfter], forCoach.Select(c => c.Id));
        Assert.Equal(forCoach, forRunner);
        // The run's own session is not "taken": only another run would make it so.
        Assert.All(forCoach, c => Assert.False(c.HasOtherRun));
        Assert.Empty(await details.ChoicesAsync(Viewer.Coach(benId), run.Id));
    }

    /// <summary>The markup of one day of the athlete page's calendar.</summary>
    private static string DayCell(string html, DateOnly day) => Between(html, $"data-testid=\"athlete-day-{PlanText.Iso(day)}\"", "data-testid=\"athlete-day-");

    private static string Between(string html, string start, string end)
    {
        var from = html.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"{start} is not on the page");
        var to = html.IndexOf(end, from + start.Length, StringComparison.Ordinal);
        return html[from..(to < 0 ? html.Length : to)];
    }
}