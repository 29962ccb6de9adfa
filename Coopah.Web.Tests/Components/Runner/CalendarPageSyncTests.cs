using System.Security.Claims;
using Bunit;
using Coopah.Web.Components.Pages.Runner;
using Coopah.Web.Data;
using Coopah.Web.Garmin.Sync;
using Coopah.Web.Plans;
using Coopah.Web.Sandbox;
using Coopah.Web.Tests.Garmin.Sync;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Components.Runner;

/// <summary>The calendar's sync badges follow a send in progress without a reload.</summary>
public sealed class CalendarPageSyncTests(GarminSyncFactory factory) : IClassFixture<GarminSyncFactory>, IAsyncLifetime
{
    private readonly MudBunitContext _context = new();

    public Task InitializeAsync()
    {
        _context.Services.AddSingleton(factory.Services.GetRequiredService<RunnerCalendar>());
        _context.Services.AddSingleton(factory.Services.GetRequiredService<IDbContextFactory<CoopahDbContext>>());
        _context.Services.AddSingleton(factory.Services.GetRequiredService<GarminSyncStatus>());
        _context.Services.AddSingleton(factory.Services.GetRequiredService<Coopah.Web.Matching.AthleteDesk>());
        _context.Services.AddSingleton(TimeProvider.System);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task Render_WhileSending_BadgesTurnOnGarminWithoutAReload()
    {
        var (runner, garmin, _) = await factory.LinkedRunnerWithPlanAsync("livebadges");
        // Garmin is briefly down, so the first render certainly catches the sessions on their way.
        factory.SandboxFaults.FailNext(SandboxOperations.Training, 503, times: 6);
        _context.AddAuthorization().SetAuthorized("runner").SetClaims(new Claim(ClaimTypes.NameIdentifier, runner));
        var today = await factory.Calendar.TodayAsync(runner);

        var navigation = _context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("calendar?view=week&date=" + today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        var cut = _context.Render<CalendarPage>();

        await cut.WaitForAssertionAsync(() => Assert.Contains("data-sync=\"Pending\"", cut.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        await factory.ConvergeAsync(runner, garmin);
        await cut.WaitForAssertionAsync(
            () =>
            {
                Assert.DoesNotContain("data-sync=\"Pending\"", cut.Markup, StringComparison.Ordinal);
                Assert.Contains("data-sync=\"OnGarmin\"", cut.Markup, StringComparison.Ordinal);
            },
            TimeSpan.FromSeconds(15));
    }
}
