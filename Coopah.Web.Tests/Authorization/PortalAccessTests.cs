using System.Net;
using Coopah.Web.Data;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Authorization;

public sealed class PortalAccessTests(CoopahWebApplicationFactory factory) : IClassFixture<CoopahWebApplicationFactory>
{
    public static TheoryData<string> PortalPages =>
    [
        "/admin/plans", "/admin/users", "/admin/integration",
        "/coach/athletes", "/coach/review", "/coach/athletes/someone",
        "/plan", "/calendar", "/garmin",
        "/Account/Manage", "/hangfire", "/sandbox",
    ];

    public static TheoryData<string> AdminPages => ["/admin/plans", "/admin/users", "/admin/integration", "/hangfire", "/sandbox"];

    [Theory]
    [MemberData(nameof(PortalPages))]
    public async Task Get_Anonymous_RedirectsToLogin(string path)
    {
        using var client = factory.CreateAnonymous();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AnonymousHome_ShowsWelcome()
    {
        using var client = factory.CreateAnonymous();

        var html = await client.GetStringAsync("/");

        Assert.Contains("Create a runner account", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task Get_RunnerOnAdminPage_IsDenied(string path)
    {
        using var client = await factory.SignInAsync(DemoLogins.RunnerCara, DemoLogins.RunnerPassword);

        using var response = await client.GetAsync(path);

        Assert.True(
            response.StatusCode == HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Account/AccessDenied", StringComparison.Ordinal)),
            $"{path} answered {(int)response.StatusCode} {response.Headers.Location}");
    }

    [Theory]
    [InlineData("/coach/athletes")]
    [InlineData("/coach/review")]
    public async Task Get_RunnerOnCoachPage_IsDenied(string path)
    {
        using var client = await factory.SignInAsync(DemoLogins.RunnerCara, DemoLogins.RunnerPassword);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task Get_AdminOnAdminPage_Succeeds(string path)
    {
        using var client = await factory.SignInAsync(DemoLogins.Admin, DemoLogins.AdminPassword);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_CoachOnAssignedRunner_ShowsRunner()
    {
        var cara = await UserIdAsync(DemoLogins.RunnerCara);
        using var client = await factory.SignInAsync(DemoLogins.CoachAnna, DemoLogins.CoachPassword);

        using var response = await client.GetAsync($"/coach/athletes/{cara}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Cara Runner", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_CoachOnUnassignedRunnerByUrl_IsNotFoundAndRevealsNothing()
    {
        var eve = await UserIdAsync(DemoLogins.RunnerEve);
        using var client = await factory.SignInAsync(DemoLogins.CoachAnna, DemoLogins.CoachPassword);

        using var response = await client.GetAsync($"/coach/athletes/{eve}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Eve Runner", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_CoachAthleteList_ShowsOnlyAssignedRunners()
    {
        using var client = await factory.SignInAsync(DemoLogins.CoachAnna, DemoLogins.CoachPassword);

        var html = await client.GetStringAsync("/coach/athletes");

        Assert.Contains("Cara Runner", html, StringComparison.Ordinal);
        Assert.Contains("Dan Runner", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Eve Runner", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Finn Runner", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_CoachOnRunnerPage_IsDenied()
    {
        using var client = await factory.SignInAsync(DemoLogins.CoachAnna, DemoLogins.CoachPassword);

        using var response = await client.GetAsync("/calendar");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WrongPassword_IsRejected()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => factory.SignInAsync(DemoLogins.Admin, "wrong-password"));
    }

    [Fact]
    public async Task Register_NewAccount_BecomesRunner()
    {
        using var client = factory.CreateAnonymous();
        var form = await PortalClient.ReadFormAsync(client, "/Account/Register");
        form["Input.DisplayName"] = "New Runner";
        form["Input.Email"] = "new.runner@example.com";
        form["Input.Password"] = "Runner!2026new";
        form["Input.ConfirmPassword"] = "Runner!2026new";

        using var response = await client.PostAsync("/Account/Register", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoopahDbContext>();
        var roles = await (from u in db.Users
                           join ur in db.UserRoles on u.Id equals ur.UserId
                           join r in db.Roles on ur.RoleId equals r.Id
                           where u.Email == "new.runner@example.com"
                           select r.Name).ToListAsync();
        Assert.Equal(["Runner"], roles);
        Assert.Equal("New Runner", await db.Users.Where(u => u.Email == "new.runner@example.com").Select(u => u.DisplayName).SingleAsync());
    }

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/Account/Register")]
    public async Task Get_LoginOrRegister_HasThePortalHeaderAndNoTemplateDeveloperNote(string path)
    {
        using var client = factory.CreateAnonymous();

        var html = await client.GetStringAsync(path);

        Assert.Contains("data-testid=\"login-link\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("external authentication services", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Use another service", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_WithoutName_IsRefused()
    {
        using var client = factory.CreateAnonymous();
        var form = await PortalClient.ReadFormAsync(client, "/Account/Register");
        form["Input.DisplayName"] = "  ";
        form["Input.Email"] = "nameless@example.com";
        form["Input.Password"] = "Runner!2026new";
        form["Input.ConfirmPassword"] = "Runner!2026new";

        using var response = await client.PostAsync("/Account/Register", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Tell us your name.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<CoopahDbContext>().Users.AnyAsync(u => u.Email == "nameless@example.com"));
    }

    [Fact]
    public async Task ManageProfile_SignedIn_HasPortalNavigationAndNoLogIn()
    {
        using var client = await factory.SignInAsync(DemoLogins.RunnerEve, DemoLogins.RunnerPassword);

        var html = await client.GetStringAsync("/Account/Manage");

        Assert.Contains("data-testid=\"nav\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"logout\"", html, StringComparison.Ordinal);
        Assert.Contains(DemoLogins.RunnerEve, html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"login-link\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">Register<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManageProfile_NewName_IsSavedAndShownOnTheUsersPage()
    {
        using var client = await factory.SignInAsync(DemoLogins.RunnerFinn, DemoLogins.RunnerPassword);
        var form = await PortalClient.ReadFormAsync(client, "/Account/Manage");
        form["Input.DisplayName"] = "Finn the Fast";

        using var response = await client.PostAsync("/Account/Manage", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("value=\"Finn the Fast\"", await client.GetStringAsync("/Account/Manage"), StringComparison.Ordinal);
        using var admin = await factory.SignInAsync(DemoLogins.Admin, DemoLogins.AdminPassword);
        Assert.Contains("Finn the Fast", await admin.GetStringAsync("/admin/users"), StringComparison.Ordinal);
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoopahDbContext>();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }
}
