using System.Security.Claims;
using Bunit;
using Coopah.Web.Authorization;
using Coopah.Web.Components.Pages.Coach;
using Coopah.Web.Components.Runs;
using Coopah.Web.Data;
using Coopah.Web.Matching;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Coopah.Web.Tests.Matching;

/// <summary>The coach's review queue and athletes table rendered with bUnit against the real services of a test host.</summary>
public sealed class ReviewDeskPagesTests(MatchingFactory factory) : IClassFixture<MatchingFactory>, IAsyncLifetime
{
    private static readonly DateOnly Day = new(2026, 10, 20);

    private readonly MudBunitContext _context = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    /// <summary>A runner coached by Anna with a matched run on <paramref name="day"/>; with <paramref name="unplannedToo"/> also a free run two days later.</summary>
    private async Task<(string RunnerId, IReadOnlyList<MatchedRun> Runs)> CoachedRunnerAsync(string name, DateOnly day, long activityId, bool unplannedToo = false)
    {
        var (runnerId, garminUserId, _) = await factory.LinkedRunnerAsync(name);
        await factory.QueryAsync(async db =>
        {
            var anna = await db.Users.SingleAsync(u => u.Email == DemoLogins.CoachAnna);
            (await db.Users.SingleAsync(u => u.Id == runnerId)).CoachId = anna.Id;
            return await db.SaveChangesAsync();
        });
        await factory.AddSessionAsync(runnerId, day, 40, "Steady 40");
        await factory.PushSummaryAsync(garminUserId, activityId, day.ToDateTime(new TimeOnly(6, 0), DateTimeKind.Utc), 0, 40 * 60, "[CP0] Steady 40");
        if (unplannedToo)
        {
            await factory.PushSummaryAsync(garminUserId, activityId + 1, day.AddDays(2).ToDateTime(new TimeOnly(7, 0), DateTimeKind.Utc), 0, 20 * 60, "Lunch Run");
        }

        var runs = await factory.SettledRunsAsync(runnerId, r => r.Count == (unplannedToo ? 2 : 1) && r.Any(x => x.SessionId is not null));
        return (runnerId, runs);
    }

    /// <summary>Signs Anna in on the bUnit context and wires the pages' services to the test host's.</summary>
    private async Task<string> AsAnnaAsync()
    {
        var annaId = await factory.QueryAsync(db => db.Users.Where(u => u.Email == DemoLogins.CoachAnna).Select(u => u.Id).SingleAsync());
        var auth = _context.AddAuthorization();
        auth.SetAuthorized(DemoLogins.CoachAnna);
        auth.SetRoles(Roles.Coach);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, annaId));
        var desk = factory.Services.GetRequiredService<ReviewDesk>();
        _context.Services.AddSingleton(desk);
        _context.Services.AddSingleton(factory.Services.GetRequiredService<AthleteDesk>());
        _context.Services.AddSingleton(factory.Services.GetRequiredService<IDbContextFactory<CoopahDbContext>>());
        _context.Services.AddSingleton(sp => new ReviewCount(desk.UnreviewedCountAsync, sp.GetRequiredService<AuthenticationStateProvider>()));
        _context.Render<MudPopoverProvider>();
        return annaId;
    }

    [Fact]
    public async Task ReviewQueue_MarksOneRunFromItsRow_ThenTheRestWithSelectAll()
    {
        var (runnerId, runs) = await CoachedRunnerAsync("queue-ui", Day, 8_100_001, unplannedToo: true);
        var planned = Assert.Single(runs, r => r.SessionId is not null);
        var unplanned = Assert.Single(runs, r => r.SessionId is null);
        await AsAnnaAsync();
        _context.Services.GetRequiredService<NavigationManager>().NavigateTo($"coach/review?athlete={runnerId}");
        var count = _context.Services.GetRequiredService<ReviewCount>();

        var page = _context.Render<ReviewQueuePage>();

        await page.WaitForAssertionAsync(() => Assert.Equal(
            [unplanned.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), planned.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            page.FindAll("[data-testid=queue-row]").Select(r => r.GetAttribute("data-run"))));
        Assert.Contains("Unplanned", page.FindAll("[data-testid=queue-row]")[0].TextContent, StringComparison.Ordinal);

        await page.FindAll("[data-testid=queue-row]")[1].QuerySelector("button[data-testid=mark-one]")!.ClickAsync(new());

        await page.WaitForAssertionAsync(() => Assert.Single(page.FindAll("[data-testid=queue-row]")));
        Assert.NotNull(await factory.QueryAsync(db => db.Runs().Where(r => r.Id == planned.Id).Select(r => r.ReviewedAtUtc).SingleAsync()));
        Assert.NotNull(count.Value);

        page.Find("[data-testid=select-all] input, input[data-testid=select-all]").Change(true);
        await page.WaitForAssertionAsync(() => Assert.Contains("Mark 1 reviewed", page.Find("[data-testid=mark-selected]").TextContent, StringComparison.Ordinal));
        await page.Find("button[data-testid=mark-selected], [data-testid=mark-selected] button").ClickAsync(new());

        await page.WaitForAssertionAsync(() => Assert.Empty(page.FindAll("[data-testid=queue-row]")));
        Assert.Contains("Nothing to review", page.Markup, StringComparison.Ordinal);
        Assert.NotNull(await factory.QueryAsync(db => db.Runs().Where(r => r.Id == unplanned.Id).Select(r => r.ReviewedAtUtc).SingleAsync()));
    }

    [Fact]
    public async Task AthletesTable_SortsByLastRun_BothWays()
    {
        await CoachedRunnerAsync("sort-a", Day, 8_200_001);
        await CoachedRunnerAsync("sort-b", Day.AddDays(-5), 8_200_011);
        await AsAnnaAsync();

        var page = _context.Render<AthletesPage>();
        string[] Order() => [.. page.FindAll("[data-testid=athlete-link]").Select(a => a.TextContent.Trim()).Where(n => n.StartsWith("sort-", StringComparison.Ordinal))];
        await page.WaitForAssertionAsync(() => Assert.Equal(["sort-a@match.test", "sort-b@match.test"], Order()));

        await page.FindAll(".mud-table-sort-label").Single(l => l.TextContent.Contains("Last run", StringComparison.Ordinal)).ClickAsync(new());
        await page.WaitForAssertionAsync(() => Assert.Equal(["sort-b@match.test", "sort-a@match.test"], Order()));
        await page.FindAll(".mud-table-sort-label").Single(l => l.TextContent.Contains("Last run", StringComparison.Ordinal)).ClickAsync(new());
        await page.WaitForAssertionAsync(() => Assert.Equal(["sort-a@match.test", "sort-b@match.test"], Order()));
    }
}
