using Microsoft.Playwright;

namespace Coopah.Web.Tests.Browser;

public static class PageExtensions
{
    /// <summary>Blazor ignores clicks until the circuit is up; the layout renders this marker only then.</summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator("#coopah-interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    public static async Task LogInAsync(this IPage page, string email, string password)
    {
        await page.GotoAsync("Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", password);
        await page.ClickAsync("button[type=submit]:has-text('Log in')");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
    }

    public static async Task LogOutAsync(this IPage page)
    {
        await page.ClickAsync("[data-testid=logout]");
        await page.Locator("a:has-text('Log in')").First.WaitForAsync();
    }

    /// <summary>Saves a screenshot next to the TRX results so a failing browser test can be looked at.</summary>
    public static async Task ScreenshotOnFailureAsync(this IPage page, string name, Func<Task> test)
    {
        try
        {
            await test();
        }
        catch
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
            throw;
        }
    }
}
