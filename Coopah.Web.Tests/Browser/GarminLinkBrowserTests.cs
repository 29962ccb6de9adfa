using Coopah.Web.Authorization;
using Coopah.Web.Data;
using Coopah.Web.Sandbox;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coopah.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class GarminLinkBrowserTests(BrowserFixture browser)
{
    private const string Finn = "finn@coopah.local";

    [Fact]
    public async Task Connect_ApprovedOnSandbox_ShowsLinkedAccountThenDisconnects()
    {
        var page = await browser.NewPageAsync();
        await page.ScreenshotOnFailureAsync(nameof(Connect_ApprovedOnSandbox_ShowsLinkedAccountThenDisconnects), async () =>
        {
            await page.LogInAsync(Finn, DemoLogins.RunnerPassword);
            await page.GotoAsync("garmin");
            await page.WaitForInteractiveAsync();
            await SaveAsync(page, "garmin-not-linked");

            await page.ClickAsync("[data-testid=garmin-connect]");
            await page.Locator("[data-testid=sandbox-consent]").WaitForAsync();
            await Assertions.Expect(page.Locator("[data-testid=sandbox-coopah-user]")).ToContainTextAsync(Finn);
            await SaveAsync(page, "sandbox-consent");
            await page.ClickAsync("[data-testid=sandbox-approve]");

            await Assertions.Expect(page.Locator("[data-testid=garmin-message]")).ToHaveAttributeAsync("data-message", "linked");
            await Assertions.Expect(page.Locator("[data-testid=garmin-user-id]")).ToContainTextAsync(SandboxAccounts.GarminUserIdFor(Finn));
            await Assertions.Expect(page.Locator("[data-testid=garmin-permissions]")).ToContainTextAsync("WORKOUT_IMPORT");
            await Assertions.Expect(page.Locator("[data-testid=garmin-status]")).ToHaveTextAsync("Linked");
            await page.WaitForInteractiveAsync();
            await SaveAsync(page, "garmin-linked");

            // The run-day picker starts weeks on Monday like the calendar, and shows the whole week.
            await page.Locator("[data-testid=simulate-day] input, input[data-testid=simulate-day]").First.ClickAsync();
            var weekdays = page.Locator(".mud-popover-open .mud-picker-calendar-header-day .mud-day-label");
            await Assertions.Expect(weekdays).ToHaveCountAsync(7);
            Assert.Equal(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], (await weekdays.AllTextContentsAsync()).Select(d => d.Trim()[..3]));
            var paper = await page.Locator(".mud-popover-open .mud-picker-popover-paper").BoundingBoxAsync();
            var sunday = await weekdays.Last.BoundingBoxAsync();
            Assert.True(sunday!.X + sunday.Width <= paper!.X + paper.Width, "Sunday is cut off by the picker's popover.");
            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(page.Locator(".mud-popover-open .mud-picker-popover-paper")).ToHaveCountAsync(0);

            await page.ClickAsync("[data-testid=garmin-disconnect]");

            await Assertions.Expect(page.Locator("[data-testid=garmin-message]")).ToHaveAttributeAsync("data-message", "disconnected");
            await Assertions.Expect(page.Locator("[data-testid=garmin-not-linked]")).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task Connect_DeniedOnSandbox_ShowsDeniedMessageAndStaysUnlinked()
    {
        const string email = "browser.garmin.deny@example.com";
        await CreateRunnerAsync(email);
        var page = await browser.NewPageAsync();
        await page.ScreenshotOnFailureAsync(nameof(Connect_DeniedOnSandbox_ShowsDeniedMessageAndStaysUnlinked), async () =>
        {
            await page.LogInAsync(email, "Runner!2026deny");
            await page.GotoAsync("garmin");
            await page.WaitForInteractiveAsync();

            await page.ClickAsync("[data-testid=garmin-connect]");
            await page.ClickAsync("[data-testid=sandbox-deny]");

            await Assertions.Expect(page.Locator("[data-testid=garmin-message]")).ToHaveAttributeAsync("data-message", "denied");
            await Assertions.Expect(page.Locator("[data-testid=garmin-message]")).ToContainTextAsync("declined");
            await Assertions.Expect(page.Locator("[data-testid=garmin-not-linked]")).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task SandboxPage_AdminRemovesWorkoutImport_UpdatesGarminSideAndShowsCalendar()
    {
        var accounts = browser.Factory.Services.GetRequiredService<SandboxAccounts>();
        var training = browser.Factory.Services.GetRequiredService<SandboxTrainingStore>();
        var user = accounts.EnsureUser("sandbox-page-user", "Page Runner");
        var workout = training.AddWorkout(user.GarminUserId, Sandbox.SandboxWorkouts.Run(5, "Sandbox tempo"));
        training.AddSchedule(user.GarminUserId, workout.WorkoutId!.Value, new DateOnly(2026, 12, 8));
        var page = await browser.NewPageAsync();
        await page.ScreenshotOnFailureAsync(nameof(SandboxPage_AdminRemovesWorkoutImport_UpdatesGarminSideAndShowsCalendar), async () =>
        {
            await page.LogInAsync(DemoLogins.Admin, DemoLogins.AdminPassword);
            await page.GotoAsync("sandbox");
            await page.WaitForInteractiveAsync();
            await Assertions.Expect(page.Locator("[data-testid=sandbox-calendar-sandbox-page-user]")).ToContainTextAsync("Sandbox tempo");
            await SaveAsync(page, "sandbox-page");

            var row = page.Locator("[data-testid=sandbox-users] tr", new PageLocatorOptions { HasText = "sandbox-page-user" });
            await row.Locator("label", new LocatorLocatorOptions { HasText = "WORKOUT_IMPORT" }).ClickAsync();
            await page.ClickAsync("[data-testid=save-permissions-sandbox-page-user]");

            await page.Locator(".mud-snackbar", new PageLocatorOptions { HasText = "userPermissionsChange sent" }).WaitForAsync();
            Assert.DoesNotContain("WORKOUT_IMPORT", accounts.FindUser(user.GarminUserId)!.Permissions);
            Assert.Contains("ACTIVITY_EXPORT", accounts.FindUser(user.GarminUserId)!.Permissions);
        });
    }

    private async Task CreateRunnerAsync(string email)
    {
        await using var scope = browser.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, "Runner!2026deny")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Runner)).Succeeded);
    }

    /// <summary>Screenshots for reviewing the pages by eye, only when COOPAH_SCREENSHOTS names a folder.</summary>
    private static async Task SaveAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("COOPAH_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }
}
