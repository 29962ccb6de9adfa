using Coopah.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coopah.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class OnboardingBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task NewRunner_AssignedToCoachByAdmin_AppearsForThatCoach()
    {
        var page = await browser.NewPageAsync();
        const string email = "browser.runner@example.com";

        await page.ScreenshotOnFailureAsync(nameof(NewRunner_AssignedToCoachByAdmin_AppearsForThatCoach), async () =>
        {
            await page.GotoAsync("Account/Register");
            await page.FillAsync("#Input\\.DisplayName", "Onboarding Runner");
            await page.FillAsync("#Input\\.Email", email);
            await page.FillAsync("#Input\\.Password", "Runner!2026new");
            await page.FillAsync("#Input\\.ConfirmPassword", "Runner!2026new");
            await page.ClickAsync("button[type=submit]:has-text('Register')");
            await page.Locator("[data-testid=runner-dashboard]").WaitForAsync();
            await page.LogOutAsync();

            await page.LogInAsync(DemoLogins.Admin, DemoLogins.AdminPassword);
            await page.GotoAsync("admin/users");
            await page.WaitForInteractiveAsync();
            var row = page.Locator("tr", new PageLocatorOptions { HasText = email });
            await row.Locator("td[data-label=Coach] div.mud-select").First.ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "Anna Coach" }).ClickAsync();
            await page.Locator(".mud-snackbar", new PageLocatorOptions { HasText = "is coached by Anna Coach" }).WaitForAsync();
            await page.LogOutAsync();

            await page.LogInAsync(DemoLogins.CoachAnna, DemoLogins.CoachPassword);
            await page.GotoAsync("coach/athletes");

            // The name given at registration, not the e-mail address.
            await Assertions.Expect(page.Locator("[data-testid=athletes]")).ToContainTextAsync("Onboarding Runner");
        });
    }
}
