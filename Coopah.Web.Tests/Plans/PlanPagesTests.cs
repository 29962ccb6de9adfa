using System.Net;
using Coopah.Core.Plans;
using Coopah.Web.Data;
using Coopah.Web.Plans;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Plans;

/// <summary>The plan pages as served (prerendered) by the real host.</summary>
public sealed class PlanPagesTests(CoopahWebApplicationFactory factory) : IClassFixture<CoopahWebApplicationFactory>
{
    [Fact]
    public async Task Get_AdminPlanList_ShowsSeededTemplates()
    {
        using var client = await factory.SignInAsync(DemoLogins.Admin, DemoLogins.AdminPassword);

        var html = await client.GetStringAsync("/admin/plans");

        Assert.Contains("5 km in 6 weeks", html, StringComparison.Ordinal);
        Assert.Contains("Marathon", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AdminPlanEditor_ShowsWeekGrid()
    {
        var id = (await factory.Services.GetRequiredService<PlanLibrary>().ListAsync()).First(p => p.Key == "5k-6w").Id;
        using var client = await factory.SignInAsync(DemoLogins.Admin, DemoLogins.AdminPassword);

        var html = await client.GetStringAsync($"/admin/plans/{id}");

        Assert.Contains("data-testid=\"week-6\"", html, StringComparison.Ordinal);
        Assert.Contains("Base week", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_DashboardOfRunnerWithoutGoal_OffersTheGoalWizard()
    {
        using var client = await factory.SignInAsync(DemoLogins.RunnerFinn, DemoLogins.RunnerPassword);

        var html = await client.GetStringAsync("/");

        Assert.Matches("<a[^>]*href=\"plan/goal\"[^>]*data-testid=\"empty-state-action\"|<a[^>]*data-testid=\"empty-state-action\"[^>]*href=\"plan/goal\"", html);
    }

    [Fact]
    public async Task Get_AdminPlanEditorUnknownId_IsNotFound()
    {
        using var client = await factory.SignInAsync(DemoLogins.Admin, DemoLogins.AdminPassword);

        using var response = await client.GetAsync("/admin/plans/987654");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_RunnerOnAnotherRunnersSession_IsNotFoundAndRevealsNothing()
    {
        var eve = await UserIdAsync(DemoLogins.RunnerEve);
        var calendar = factory.Services.GetRequiredService<RunnerCalendar>();
        var added = await calendar.AddSessionAsync(eve, new SessionEdit(await calendar.TodayAsync(eve), "Eve's secret tempo", SessionKind.Tempo, StepNotation.Parse("20min active threshold")));
        using var client = await factory.SignInAsync(DemoLogins.RunnerCara, DemoLogins.RunnerPassword);

        using var response = await client.GetAsync($"/calendar/sessions/{added.SessionId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("secret tempo", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_RunnerOwnSession_ShowsStepsWithOwnPaces()
    {
        var cara = await UserIdAsync(DemoLogins.RunnerCara);
        var calendar = factory.Services.GetRequiredService<RunnerCalendar>();
        var today = await calendar.TodayAsync(cara);
        await calendar.SetGoalAsync(cara, new GoalInput
        {
            Goal = GoalDistance.TenK,
            Weeks = 8,
            RunDays = [DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday, DayOfWeek.Sunday],
            LongRunDay = DayOfWeek.Sunday,
            PaceSource = PaceSource.RecentRace,
            RaceDistanceMetres = 5000,
            TimeSeconds = 20 * 60,
        });
        var session = (await calendar.GetSessionsAsync(cara, today, today.AddDays(60))).First(s => s.Kind == SessionKind.Tempo);
        using var client = await factory.SignInAsync(DemoLogins.RunnerCara, DemoLogins.RunnerPassword);

        var html = await client.GetStringAsync($"/calendar/sessions/{session.Id}");

        Assert.Contains(session.Name, html, StringComparison.Ordinal);
        // 5 km in 20:00 gives a threshold band of 4:16-4:22 /km (see PersonalPaces).
        Assert.Contains("Threshold pace 4:16-4:22/km", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_RunnerPlanPage_ShowsZonesAfterGoal()
    {
        var dan = await UserIdAsync("dan@coopah.local");
        var calendar = factory.Services.GetRequiredService<RunnerCalendar>();
        await calendar.SetGoalAsync(dan, new GoalInput
        {
            Goal = GoalDistance.HalfMarathon,
            Weeks = 12,
            RunDays = [DayOfWeek.Tuesday, DayOfWeek.Thursday, DayOfWeek.Saturday, DayOfWeek.Sunday],
            LongRunDay = DayOfWeek.Sunday,
            PaceSource = PaceSource.GoalTime,
            TimeSeconds = (1 * 3600) + (45 * 60),
        });
        using var client = await factory.SignInAsync("dan@coopah.local", DemoLogins.RunnerPassword);

        var html = await client.GetStringAsync("/plan");

        Assert.Contains("data-testid=\"pace-zones\"", html, StringComparison.Ordinal);
        Assert.Contains("Goal: Half marathon", html, StringComparison.Ordinal);
        Assert.Contains("From your goal time", html, StringComparison.Ordinal);
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoopahDbContext>();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }
}
