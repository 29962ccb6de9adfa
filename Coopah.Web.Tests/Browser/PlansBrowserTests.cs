using System.Globalization;
using System.Text.RegularExpressions;
using Coopah.Core.Plans;
using Coopah.Web.Plans;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coopah.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed partial class PlansBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Admin_BuildsTwoWeekPlanWithRepeatBlock_PlanIsSaved()
    {
        var page = await NewPageAsync();
        var name = "Browser plan " + Guid.NewGuid().ToString("N")[..6];

        await page.ScreenshotOnFailureAsync(nameof(Admin_BuildsTwoWeekPlanWithRepeatBlock_PlanIsSaved), async () =>
        {
            await page.LogInAsync(DemoLogins.Admin, DemoLogins.AdminPassword);
            await page.GotoAsync("admin/plans");
            await page.WaitForInteractiveAsync();
            await Screenshot(page, "admin-plan-list");
            await page.FillAsync("[data-testid='new-plan-name']", name);
            await page.FillAsync("[data-testid='new-plan-weeks']", "2");
            await page.PressAsync("[data-testid='new-plan-weeks']", "Tab");
            await page.ClickAsync("[data-testid='new-plan-create']");
            await page.WaitForURLAsync(PlanUrl());
            await page.Locator("[data-testid='plan-title']", new PageLocatorOptions { HasText = name }).WaitForAsync();

            // Week 1: intervals built with the buttons (add a repeat, set its count, edit a step in place).
            await page.ClickAsync("[data-testid='add-session-w1']");
            await page.FillAsync("[data-testid='session-name']", "Track 400s");
            await ChooseAsync(page, "session-kind", "Intervals");
            await page.ClickAsync("[data-testid='step-editor'] [data-testid='add-repeat']");
            await page.FillAsync("[data-testid='count-2']", "6");
            await page.PressAsync("[data-testid='count-2']", "Tab");
            await page.FillAsync("[data-testid='target-2.1']", "3:50-4:00/km");
            await page.PressAsync("[data-testid='target-2.1']", "Tab");
            await Assertions.Expect(page.Locator("[data-testid='notation']")).ToHaveValueAsync("30min active easy; 6x(400m interval @ 3:50-4:00/km; 90s recovery)");
            await Screenshot(page, "admin-session-editor");
            await page.ClickAsync("[data-testid='session-save']");
            await Assertions.Expect(page.Locator("[data-testid='week-1']")).ToContainTextAsync("Track 400s");

            // Week 2: typed as notation; a typo first shows where it is and keeps the text.
            await page.ClickAsync("[data-testid='add-session-w2']");
            await page.FillAsync("[data-testid='session-name']", "Threshold kilometres");
            await ChooseAsync(page, "session-kind", "Tempo");
            await page.FillAsync("[data-testid='notation']", "10min warmup easy; 3x(1km interval threshold; 2min recovery; 10min cooldown easy");
            await page.ClickAsync("[data-testid='notation-apply']");
            await Assertions.Expect(page.Locator("[data-testid='notation-error']")).ToContainTextAsync("column");
            await page.FillAsync("[data-testid='notation']", "10min warmup easy; 3x(1km interval threshold; 2min recovery); 10min cooldown easy");
            await page.ClickAsync("[data-testid='notation-apply']");
            await Assertions.Expect(page.Locator("[data-testid='node-2']")).ToHaveAttributeAsync("data-kind", "repeat");
            await page.ClickAsync("[data-testid='session-save']");
            await Assertions.Expect(page.Locator("[data-testid='week-2']")).ToContainTextAsync("Threshold kilometres");
            await Screenshot(page, "admin-plan-editor");

            await page.ReloadAsync();
            await Assertions.Expect(page.Locator("[data-testid='week-1']")).ToContainTextAsync("Track 400s");
        });

        var library = browser.Factory.Services.GetRequiredService<PlanLibrary>();
        var summary = Assert.Single(await library.ListAsync(name));
        var plan = (await library.GetAsync(summary.Id))!.Template;
        Assert.Equal(2, plan.Weeks);
        Assert.Equal("30min active easy; 6x(400m interval @ 3:50-4:00/km; 90s recovery)", StepNotation.Format(plan.SessionsInWeek(1).Single().Steps));
        Assert.Equal(SessionKind.Intervals, plan.SessionsInWeek(1).Single().Kind);
        Assert.Equal("10min warmup easy; 3x(1km interval threshold; 2min recovery); 10min cooldown easy", StepNotation.Format(plan.SessionsInWeek(2).Single().Steps));
    }

    [Fact]
    public async Task Runner_SetsGoalMovesAndEditsSessionThenChangesGoal_EditedSessionIsKept()
    {
        var page = await NewPageAsync();
        var email = $"plan.runner.{Guid.NewGuid():N}@example.com";
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        await page.ScreenshotOnFailureAsync(nameof(Runner_SetsGoalMovesAndEditsSessionThenChangesGoal_EditedSessionIsKept), async () =>
        {
            await page.GotoAsync("Account/Register");
            await page.FillAsync("#Input\\.DisplayName", "Browser Runner");
            await page.FillAsync("#Input\\.Email", email);
            await page.FillAsync("#Input\\.Password", "Runner!2026new");
            await page.FillAsync("#Input\\.ConfirmPassword", "Runner!2026new");
            await page.ClickAsync("button[type=submit]:has-text('Register')");
            await page.Locator("[data-testid='runner-dashboard']").WaitForAsync();

            // Goal: 10 km (the default) ten weeks out, paces from a recent 5 km.
            await page.GotoAsync("plan/goal");
            await page.WaitForInteractiveAsync();
            await AssertPickerStartsOnMondayAsync(page, "[data-testid='goal-date']");
            await page.FillAsync("[data-testid='goal-date']", Iso(today.AddDays(70)));
            await page.PressAsync("[data-testid='goal-date']", "Tab");
            await page.FillAsync("[data-testid='pace-time']", "22:30");
            await page.ClickAsync("[data-testid='goal-preview']");
            await Assertions.Expect(page.Locator("[data-testid='goal-change-count']")).ToContainTextAsync("sessions change");
            await Screenshot(page, "runner-goal-wizard");
            await page.ClickAsync("[data-testid='goal-confirm']");
            await page.WaitForURLAsync(url => url.Contains("/calendar", StringComparison.Ordinal));

            // A month well inside the plan is full of sessions.
            var month = today.AddDays(35);
            await page.GotoAsync($"calendar?view=month&date={Iso(month)}");
            await page.WaitForInteractiveAsync();
            var chips = page.Locator("[data-testid='calendar-month'] a.session-chip");
            await Assertions.Expect(chips.First).ToBeVisibleAsync();
            Assert.True(await chips.CountAsync() >= 8, "expected a month of sessions");
            await Screenshot(page, "runner-calendar-month");
            await page.ClickAsync("[data-testid='view-week']");
            await Assertions.Expect(page.Locator("[data-testid='calendar-week']")).ToBeVisibleAsync();
            await Screenshot(page, "runner-calendar-week");

            // Open an easy run, move it a day and change its steps.
            await page.GotoAsync($"calendar?view=month&date={Iso(month)}");
            await page.WaitForInteractiveAsync();
            var easy = page.Locator("[data-testid='calendar-month'] a.session-chip[data-kind=Easy]").First;
            var testId = await easy.GetAttributeAsync("data-testid");
            var sessionId = int.Parse(testId!["session-".Length..], CultureInfo.InvariantCulture);
            await easy.ClickAsync();
            await page.WaitForURLAsync(url => url.Contains($"/calendar/sessions/{sessionId}", StringComparison.Ordinal));
            await page.WaitForInteractiveAsync();
            await Screenshot(page, "runner-session");
            var before = await SessionDateAsync(sessionId);
            var moved = before.AddDays(1);
            await page.ClickAsync("[data-testid='session-edit']");
            await AssertPickerStartsOnMondayAsync(page, "[data-testid='session-date-input']");
            await page.FillAsync("[data-testid='session-date-input']", Iso(moved));
            await page.PressAsync("[data-testid='session-date-input']", "Tab");
            await page.FillAsync("[data-testid='notation']", "40min active easy; 6x(20s interval repetition; 1min recovery)");
            await page.ClickAsync("[data-testid='notation-apply']");
            await Assertions.Expect(page.Locator("[data-testid='node-2.1']")).ToBeVisibleAsync();
            await page.ClickAsync("[data-testid='session-save']");
            await Assertions.Expect(page.Locator("[data-testid='session-edited']")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid='session-notation']")).ToHaveTextAsync("40min active easy; 6x(20s interval repetition; 1min recovery)");

            await page.GotoAsync($"calendar?view=month&date={Iso(moved)}");
            await Assertions.Expect(page.Locator($"[data-testid='day-{Iso(moved)}'] [data-testid='session-{sessionId}']")).ToBeVisibleAsync();

            // Change the goal: two weeks later. The confirmation says what changes and that the edit is kept.
            await page.GotoAsync("plan/goal");
            await page.WaitForInteractiveAsync();
            await page.FillAsync("[data-testid='goal-date']", Iso(today.AddDays(84)));
            await page.PressAsync("[data-testid='goal-date']", "Tab");
            await page.ClickAsync("[data-testid='goal-preview']");
            await Assertions.Expect(page.Locator("[data-testid='goal-kept-count']")).ToContainTextAsync("1 session(s) you edited");
            await Assertions.Expect(page.Locator("[data-testid='goal-change-count']")).ToContainTextAsync(NonZeroChange());
            await Screenshot(page, "runner-goal-change");
            await page.ClickAsync("[data-testid='goal-confirm']");
            await page.WaitForURLAsync(url => url.Contains("/calendar", StringComparison.Ordinal));

            await page.GotoAsync("plan");
            await Assertions.Expect(page.Locator("[data-testid='pace-zones']")).ToContainTextAsync("Threshold");
            await Screenshot(page, "runner-my-plan");

            await page.GotoAsync($"calendar/sessions/{sessionId}");
            await Assertions.Expect(page.Locator("[data-testid='session-notation']")).ToHaveTextAsync("40min active easy; 6x(20s interval repetition; 1min recovery)");
            await Assertions.Expect(page.Locator("[data-testid='session-date']")).ToHaveTextAsync(PlanText.Date(moved));
            await Assertions.Expect(page.Locator("[data-testid='session-edited']")).ToBeVisibleAsync();
        });
    }

    /// <summary>
    /// A page with more patience than the fixture's 20 s: under the full parallel suite on two cores the first
    /// requests to a cold Release server (JIT, Blazor circuit start) have been seen to take longer.
    /// </summary>
    private async Task<IPage> NewPageAsync()
    {
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        page.SetDefaultNavigationTimeout(60_000);
        return page;
    }

    private async Task<DateOnly> SessionDateAsync(int sessionId)
    {
        using var scope = browser.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Coopah.Web.Data.CoopahDbContext>();
        return (await db.RunnerSessions.FindAsync(sessionId))!.Date;
    }

    /// <summary>Opens a MudSelect by its data-testid and picks an item by text.</summary>
    private static async Task ChooseAsync(IPage page, string testId, string item)
    {
        await page.Locator($"div.mud-select:has([data-testid='{testId}'])").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = item }).First.ClickAsync();
    }

    private static Task Screenshot(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "plans-" + name + ".png"), FullPage = true });
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"admin/plans/\d+$")]
    private static partial Regex PlanUrl();

    [GeneratedRegex(@"^[1-9]\d* sessions? change")]
    private static partial Regex NonZeroChange();

    /// <summary>Date pickers start weeks on Monday like the calendar, whatever the browser's locale (issue 14.10).</summary>
    private static async Task AssertPickerStartsOnMondayAsync(IPage page, string input)
    {
        // The field takes typed dates; its calendar button opens the picker.
        await page.Locator(".mud-input-control", new PageLocatorOptions { Has = page.Locator(input) }).Locator("button").First.ClickAsync();
        var weekdays = page.Locator(".mud-popover-open .mud-picker-calendar-header-day .mud-day-label");
        await Assertions.Expect(weekdays).ToHaveCountAsync(7);
        Assert.Equal(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], (await weekdays.AllTextContentsAsync()).Select(d => d.Trim()[..3]));
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-picker-calendar-header-day")).ToHaveCountAsync(0);
    }
}
