using System.Net;
using System.Text;
using Coopah.Web.Data;
using Coopah.Web.Tests.Infrastructure;
using Coopah.Web.Tests.TestObjects;
using Microsoft.EntityFrameworkCore;

using Coopah.Web.Tests.Garmin.Inbox;

namespace Coopah.Web.Tests.Matching;

/// <summary>Runs pushed by Garmin show on the runner's calendar and in the coach's athlete view.</summary>
public sealed class RunViewsTests(WebhookFactory factory) : IClassFixture<WebhookFactory>, IAsyncLifetime
{
    // 2026-01-01 23:30 UTC with a +1 h offset: the run belongs on the runner's 2 January, not 1 January.
    private const long LateEveningUtc = 1767310200;

    public async Task InitializeAsync()
    {
        await factory.EnsureLinksAsync();
        if (await factory.QueryAsync(db => db.GarminActivities.AnyAsync(a => a.SummaryId == "view-1")))
        {
            await factory.WaitForMatchingAsync();
            return;
        }

        using var client = factory.CreateAnonymous();
        var body = GarminPayloads.Activities(
            GarminPayloads.Summary(WebhookFactory.CaraGarminId, "view-1", durationSeconds: 1830, distance: 6100, start: LateEveningUtc, offset: 3600),
            GarminPayloads.Summary(WebhookFactory.CaraGarminId, "view-coded", start: LateEveningUtc - 86400, name: "[CP30] 6 x 800 m"));
        using var response = await client.PostAsync(WebhookFactory.Url("activities"), new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await factory.WaitForInboxAsync(m => m.Status == InboxStatus.Processed);
        await factory.WaitForMatchingAsync();
    }

    [Theory]
    [InlineData(DemoLogins.RunnerCara, DemoLogins.RunnerPassword, "/")]
    [InlineData(DemoLogins.CoachAnna, DemoLogins.CoachPassword, "/coach/athletes/{cara}")]
    [InlineData(DemoLogins.RunnerCara, DemoLogins.RunnerPassword, "/calendar?view=week&date=2026-01-01")]
    [InlineData(DemoLogins.RunnerCara, DemoLogins.RunnerPassword, "/calendar?view=month&date=2026-01-01")]
    [InlineData(DemoLogins.CoachAnna, DemoLogins.CoachPassword, "/coach/review")]
    public async Task RunName_FromAWorkoutWithSessionCode_ShowsWithoutTheCode(string email, string password, string path)
    {
        var caraId = await factory.QueryAsync(db => db.Users.Where(u => u.Email == DemoLogins.RunnerCara).Select(u => u.Id).SingleAsync());
        using var client = await factory.SignInAsync(email, password);

        var html = await client.GetStringAsync(path.Replace("{cara}", caraId, StringComparison.Ordinal));

        Assert.Contains("6 x 800 m", html, StringComparison.Ordinal);
        Assert.DoesNotContain("[CP30]", html, StringComparison.Ordinal);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CoachAthleteView_ShowsRunSummary()
    {
        var caraId = await factory.QueryAsync(db => db.Users.Where(u => u.Email == DemoLogins.RunnerCara).Select(u => u.Id).SingleAsync());
        using var client = await factory.SignInAsync(DemoLogins.CoachAnna, DemoLogins.CoachPassword);

        var html = await client.GetStringAsync($"/coach/athletes/{caraId}");

        Assert.Contains("6.10 km", html, StringComparison.Ordinal);
        Assert.Contains("30:30", html, StringComparison.Ordinal);
        // Pace is timer time over distance (30:30 for 6.10 km), as in the interval table, not Garmin's moving average speed.
        Assert.Contains("5:00 /km", html, StringComparison.Ordinal);
        Assert.Contains("150 bpm", html, StringComparison.Ordinal);
        Assert.Contains("Fri 2 Jan 2026", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunnerCalendar_ShowsRunOnTheLocalDay()
    {
        using var client = await factory.SignInAsync(DemoLogins.RunnerCara, DemoLogins.RunnerPassword);

        var html = await client.GetStringAsync("/calendar?view=week&date=2026-01-02");

        var day = html.IndexOf("data-testid=\"day-2026-01-02\"", StringComparison.Ordinal);
        var nextDay = html.IndexOf("data-testid=\"day-2026-01-03\"", StringComparison.Ordinal);
        var run = html.IndexOf("6.10 km", StringComparison.Ordinal);
        Assert.True(day >= 0 && run > day && run < nextDay, "The run should sit in 2 January's cell.");
    }

    [Fact]
    public async Task RunnerDashboard_ListsTheRecentRun()
    {
        using var client = await factory.SignInAsync(DemoLogins.RunnerCara, DemoLogins.RunnerPassword);

        var html = await client.GetStringAsync("/");

        Assert.Contains("Recent runs", html, StringComparison.Ordinal);
        Assert.Contains("6.10 km", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherCoach_CannotSeeTheRun()
    {
        var caraId = await factory.QueryAsync(db => db.Users.Where(u => u.Email == DemoLogins.RunnerCara).Select(u => u.Id).SingleAsync());
        using var client = await factory.SignInAsync(DemoLogins.CoachBen, DemoLogins.CoachPassword);

        using var response = await client.GetAsync($"/coach/athletes/{caraId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("6.10 km", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
