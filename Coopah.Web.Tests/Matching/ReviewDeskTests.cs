using System.Net;
using Coopah.Web.Matching;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Matching;

/// <summary>The run page, comments and review marks: who may see and change what.</summary>
public sealed class ReviewDeskTests(MatchingFactory factory) : IClassFixture<MatchingFactory>
{
    private static readonly DateOnly Day = new(2026, 10, 20);

    /// <summary>A runner coached by Anna, linked, with one matched run.</summary>
    private async Task<(string RunnerId, HttpClient Runner, MatchedRun Run)> CoachedRunAsync(string name)
    {
        var (runnerId, garminUserId, client) = await factory.LinkedRunnerAsync(name);
        await factory.QueryAsync(async db =>
        {
            var anna = await db.Users.SingleAsync(u => u.Email == DemoLogins.CoachAnna);
            var runner = await db.Users.SingleAsync(u => u.Id == runnerId);
            runner.CoachId = anna.Id;
            return await db.SaveChangesAsync();
        });
        await factory.AddSessionAsync(runnerId, Day, 40, "Steady 40");
        await factory.PushSummaryAsync(garminUserId, 7_000_000 + Math.Abs(name.GetHashCode(StringComparison.Ordinal) % 100_000), Day.ToDateTime(new TimeOnly(6, 0), DateTimeKind.Utc), 0, 40 * 60, "[CP0] Steady 40");
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
}
