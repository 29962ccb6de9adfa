using Coopah.Core.Plans;
using Coopah.Web.Authorization;
using Coopah.Web.Data;
using Coopah.Web.Plans;
using Coopah.Web.Sandbox;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coopah.Web.Tests.Browser;

/// <summary>
/// The product's loop in a real browser: a runner runs today's workout ("Simulate a run" in the sandbox), the coach
/// finds it at the top of the review queue, reads it interval by interval, comments and marks it reviewed, and the
/// runner reads the comment on the session page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReviewDeskBrowserTests(BrowserFixture browser)
{
    private const string Email = "browser.review@example.com";
    private const string Password = "Runner!2026review";

    [Fact]
    public async Task RunnerRunsTodaysWorkout_CoachReviewsIt_RunnerReadsTheComment()
    {
        var (runnerId, sessionId) = await RunnerCoachedByAnnaWithTodaysIntervalsAsync();
        var runner = await browser.NewPageAsync();
        var coach = await browser.NewPageAsync();
        await runner.ScreenshotOnFailureAsync(nameof(RunnerRunsTodaysWorkout_CoachReviewsIt_RunnerReadsTheComment) + "-runner", async () =>
        await coach.ScreenshotOnFailureAsync(nameof(RunnerRunsTodaysWorkout_CoachReviewsIt_RunnerReadsTheComment) + "-coach", async () =>
        {
            await runner.LogInAsync(Email, Password);
            await runner.GotoAsync("garmin");
            await runner.WaitForInteractiveAsync();
            await runner.ClickAsync("[data-testid=garmin-connect]");
            await runner.ClickAsync("[data-testid=sandbox-approve]");
            await Assertions.Expect(runner.Locator("[data-testid=garmin-message]")).ToHaveAttributeAsync("data-message", "linked");
            await WorkoutOnTheWatchAsync(runnerId);

            await runner.WaitForInteractiveAsync();
            await runner.ClickAsync("[data-testid=simulate-run-button]");
            await Assertions.Expect(runner.Locator("[data-testid=simulate-result]")).ToContainTextAsync("Sent");
            await MatchedWithFitAsync(sessionId);

            await coach.LogInAsync(DemoLogins.CoachAnna, DemoLogins.CoachPassword);
            await coach.GotoAsync("coach/review");
            await coach.WaitForInteractiveAsync();
            var first = coach.Locator("[data-testid=queue-row]").First;
            await Assertions.Expect(first).ToContainTextAsync("Browser Review");
            await Assertions.Expect(first).ToContainTextAsync("Track 3 x 400");
            await Assertions.Expect(coach.Locator("[data-testid=review-count]")).ToBeVisibleAsync();
            await first.Locator("[data-testid=open-run]").ClickAsync();

            await Assertions.Expect(coach.Locator("[data-testid=run-name]")).ToHaveTextAsync("Track 3 x 400");
            await Assertions.Expect(coach.Locator("[data-testid=interval-source]")).ToContainTextAsync("Exact");
            await Assertions.Expect(coach.Locator("[data-testid=interval-row]")).ToHaveCountAsync(8);
            await Assertions.Expect(coach.Locator("[data-testid=interval-row]").Nth(1)).ToContainTextAsync("(1 of 3)");
            await Assertions.Expect(coach.Locator("[data-testid=interval-table] [data-testid=state-chip]").First).ToBeVisibleAsync();
            await Assertions.Expect(coach.Locator("[data-testid=pace-bar]")).ToHaveCountAsync(8);
            await Assertions.Expect(coach.Locator("[data-testid=trace-chart]")).ToBeVisibleAsync();
            await coach.WaitForInteractiveAsync();
            await coach.Locator("[data-testid=comment-box]").FillAsync("Reps nicely even. Keep the jogs easier.");
            await coach.ClickAsync("[data-testid=comment-send]");
            await Assertions.Expect(coach.Locator("[data-testid=comment]")).ToContainTextAsync("Reps nicely even");
            await coach.ClickAsync("[data-testid=toggle-reviewed]");
            await Assertions.Expect(coach.Locator("[data-testid=reviewed-chip]")).ToBeVisibleAsync();
            await Assertions.Expect(coach.Locator("[data-testid=review-count]")).ToHaveCountAsync(0);
            await Screens.SaveAsync(coach, "run-page-coach");

            await runner.GotoAsync($"calendar/sessions/{sessionId}");
            await runner.WaitForInteractiveAsync();
            await Assertions.Expect(runner.Locator("[data-testid=session-run] [data-testid=comment]")).ToContainTextAsync("Keep the jogs easier");
            await Assertions.Expect(runner.Locator("[data-testid=session-run] [data-testid=interval-table]")).ToBeVisibleAsync();
            await Screens.SaveAsync(runner, "session-page-runner");
        }));
    }

    /// <summary>A runner coached by Anna with a structured session today: warm-up, 3 x (400 m, 60 s jog), cool-down.</summary>
    private async Task<(string RunnerId, int SessionId)> RunnerCoachedByAnnaWithTodaysIntervalsAsync()
    {
        await using var scope = browser.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var anna = await users.FindByEmailAsync(DemoLogins.CoachAnna);
        var user = new ApplicationUser { UserName = Email, Email = Email, EmailConfirmed = true, DisplayName = "Browser Review", CoachId = anna!.Id };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Runner)).Succeeded);
        var calendar = scope.ServiceProvider.GetRequiredService<RunnerCalendar>();
        var today = await calendar.TodayAsync(user.Id);
        var added = await calendar.AddSessionAsync(user.Id, new SessionEdit(today, "Track 3 x 400", SessionKind.Intervals,
        [
            new WorkoutStep(StepIntensity.Warmup, StepDuration.Minutes(5), StepTarget.Open),
            new RepeatBlock(3,
            [
                new WorkoutStep(StepIntensity.Interval, StepDuration.Metres(400), StepTarget.ForPace(225, 240)),
                new WorkoutStep(StepIntensity.Recovery, StepDuration.Seconds(60), StepTarget.Open),
            ]),
            new WorkoutStep(StepIntensity.Cooldown, StepDuration.Minutes(5), StepTarget.Open),
        ]));
        Assert.True(added.Succeeded, string.Join("; ", added.Errors));
        return (user.Id, added.SessionId!.Value);
    }

    /// <summary>Waits (bounded) until the sync has put today's workout on the sandbox's Garmin calendar.</summary>
    private async Task WorkoutOnTheWatchAsync(string runnerId)
    {
        var sandbox = browser.Factory.Services.GetRequiredService<SandboxTrainingStore>();
        await Until(async () =>
        {
            await using var scope = browser.Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CoopahDbContext>();
            var garminUserId = await db.GarminLinks.Where(l => l.UserId == runnerId).Select(l => l.GarminUserId).FirstOrDefaultAsync();
            return garminUserId is not null && sandbox.Calendar(garminUserId).Any(e => e.Workout.WorkoutName?.Contains("Track 3 x 400", StringComparison.Ordinal) == true);
        }, "the workout never reached the sandbox calendar");
    }

    private async Task MatchedWithFitAsync(int sessionId) => await Until(async () =>
    {
        await using var scope = browser.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoopahDbContext>();
        return await db.Set<Coopah.Web.Matching.MatchedRun>().AnyAsync(r => r.SessionId == sessionId && r.IntervalSource == Coopah.Core.Matching.IntervalSource.FitStepLaps);
    }, "the run was not matched with its FIT laps");

    private static Task Until(Func<Task<bool>> done, string what) =>
        Poll.UntilAsync(done, ok => ok, _ => Task.FromResult($"Timed out waiting: {what}."));
}

/// <summary>Screenshots for reviewing pages by eye, only when COOPAH_SCREENSHOTS names a folder.</summary>
internal static class Screens
{
    public static async Task SaveAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("COOPAH_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }
}
