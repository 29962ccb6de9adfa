using Coopah.Core.Plans;
using Coopah.Web.Data;
using Coopah.Web.Plans;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coopah.Web.Tests.Browser;

/// <summary>The calendar on a 390 px phone: week view by default, the month as coloured dots, a tapped day opens its week.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CalendarPhoneBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Calendar_OnAPhone_OpensOnTheWeekShowsTheMonthAsDotsAndATappedDayOpensItsWeek()
    {
        const string email = "phone.runner@example.com";
        await NewRunnerWithGoalAsync(email);
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();

        await page.ScreenshotOnFailureAsync(nameof(Calendar_OnAPhone_OpensOnTheWeekShowsTheMonthAsDotsAndATappedDayOpensItsWeek), async () =>
        {
            await page.LogInAsync(email, "Runner!2026phone");
            await page.GotoAsync("calendar");
            await page.WaitForInteractiveAsync();
            await page.Locator("[data-testid=calendar-week]").WaitForAsync();
            Assert.Contains("view=week", page.Url, StringComparison.Ordinal);

            await page.GotoAsync("calendar?view=month");
            // The prerendered grid is replaced when the circuit starts: measure the interactive one.
            await page.WaitForInteractiveAsync();
            var first = page.Locator("[data-testid=calendar-month] .session-chip").First;
            await Assertions.Expect(first).ToBeVisibleAsync();
            var chip = await first.BoundingBoxAsync();
            Assert.NotNull(chip);
            Assert.True(chip.Width <= 12, $"A month chip on a phone should be a dot, not {chip.Width} px wide.");
            var grid = await page.Locator("[data-testid=calendar-month]").BoundingBoxAsync();
            Assert.True(grid!.Width <= 390, "The month fits the phone's width.");

            // The app bar keeps one line (menu, name, theme, who is signed in, log out) at 390 px.
            var appBar = await page.Locator(".mud-appbar").BoundingBoxAsync();
            Assert.True(appBar!.Height <= 64, $"The app bar wrapped to {appBar.Height} px.");
            await Assertions.Expect(page.Locator("[data-testid=signed-in-as]")).ToBeVisibleAsync();

            // A dot is too small to aim at: tapping anywhere in the day opens its week, where the session is named.
            var day = page.Locator("[data-testid=calendar-month] .calendar-day", new PageLocatorOptions { Has = page.Locator(".session-chip") }).First;
            var dayId = await day.GetAttributeAsync("data-testid");
            var sessionName = (await day.Locator(".session-chip").First.GetAttributeAsync("title"))!.Split(": ", 2)[1];
            var cell = await day.BoundingBoxAsync();
            await page.Mouse.ClickAsync(cell!.X + cell.Width - 3, cell.Y + cell.Height - 3);
            await page.WaitForURLAsync(url => url.Contains($"view=week&date={dayId!["day-".Length..]}", StringComparison.Ordinal));
            await Assertions.Expect(page.Locator($"[data-testid=calendar-week] [data-testid={dayId}]")).ToContainTextAsync(sessionName);
        });
        await context.CloseAsync();
    }

    private async Task NewRunnerWithGoalAsync(string email)
    {
        using var scope = browser.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Phone Runner" };
        Assert.True((await users.CreateAsync(user, "Runner!2026phone")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, "Runner")).Succeeded);
        var result = await scope.ServiceProvider.GetRequiredService<RunnerCalendar>().SetGoalAsync(user.Id, new GoalInput
        {
            Goal = GoalDistance.TenK,
            Weeks = 8,
            RunDays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday],
            LongRunDay = DayOfWeek.Sunday,
            PaceSource = PaceSource.GoalTime,
            TimeSeconds = 50 * 60,
        });
        Assert.True(result.Succeeded, result.Error);
    }
}
