using System.Net;
using Coopah.Web.Administration;
using Coopah.Web.Authorization;
using Coopah.Web.Components.Account;
using Coopah.Web.Data;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Coopah.Web.Tests.Authorization;

/// <summary>Issue 15, items 4-6: revalidation after a role change, lockout, and ReturnUrl handling at sign-in.</summary>
public sealed class AccountSecurityTests(CoopahWebApplicationFactory factory) : IClassFixture<CoopahWebApplicationFactory>
{
    private const string Password = "Account!2026test";

    [Fact]
    public async Task Get_AdminDemotedAfterSignIn_LosesAdminPagesOnNextRequest()
    {
        var id = await CreateUserAsync("demoted.admin@example.com", Roles.Admin);
        using var client = await factory.SignInAsync("demoted.admin@example.com", Password);
        using (var before = await client.GetAsync("/admin/users"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var demoted = await new UserAdministration(factory.Services.GetRequiredService<IServiceScopeFactory>())
            .SetRoleAsync(await IdOfAsync(DemoLogins.Admin), id, Roles.Runner);
        Assert.True(demoted.Succeeded, demoted.Error);

        using var after = await client.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Circuit_AdminDemoted_RevalidationSignsOutWithinSeconds()
    {
        var id = await CreateUserAsync("demoted.circuit@example.com", Roles.Admin);
        AuthenticationState state;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>();
            state = new AuthenticationState(await signIn.CreateUserPrincipalAsync((await signIn.UserManager.FindByIdAsync(id))!));
        }

        var provider = new IdentityRevalidatingAuthenticationStateProvider(NullLoggerFactory.Instance,
            factory.Services.GetRequiredService<IServiceScopeFactory>(), factory.Services.GetRequiredService<IOptions<IdentityOptions>>());
        Assert.True(await provider.IsStillValidAsync(state, CancellationToken.None));

        await new UserAdministration(factory.Services.GetRequiredService<IServiceScopeFactory>())
            .SetRoleAsync(await IdOfAsync(DemoLogins.Admin), id, Roles.Runner);

        Assert.False(await provider.IsStillValidAsync(state, CancellationToken.None));
        Assert.True(IdentityRevalidatingAuthenticationStateProvider.Interval <= TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccountEvenForTheRightOne()
    {
        var id = await CreateUserAsync("locked.runner@example.com", Roles.Runner);
        using var client = factory.CreateAnonymous();
        for (var i = 0; i < 5; i++)
        {
            // The first four answer the form again; the fifth already sends the user to the lockout page.
            using var wrong = await PostLoginAsync(client, "locked.runner@example.com", "wrong-" + i);
            Assert.Equal(i < 4 ? HttpStatusCode.OK : HttpStatusCode.Redirect, wrong.StatusCode);
        }

        using var right = await PostLoginAsync(client, "locked.runner@example.com", Password);

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Contains("Account/Lockout", right.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.True(await users.IsLockedOutAsync((await users.FindByIdAsync(id))!));
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task SignIn_ForeignReturnUrl_EndsOnHomePage(string returnUrl)
    {
        using var client = factory.CreateAnonymous();

        using var response = await PostLoginAsync(client, DemoLogins.RunnerEve, DemoLogins.RunnerPassword, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = new Uri(client.BaseAddress!, response.Headers.Location!);
        Assert.Equal(client.BaseAddress!.Authority, target.Authority);
        Assert.Equal("/", target.AbsolutePath);
    }

    [Fact]
    public async Task SignIn_LocalReturnUrl_IsFollowed()
    {
        using var client = factory.CreateAnonymous();

        using var response = await PostLoginAsync(client, DemoLogins.RunnerEve, DemoLogins.RunnerPassword, "/calendar?view=week");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/calendar?view=week", new Uri(client.BaseAddress!, response.Headers.Location!).PathAndQuery);
    }

    [Theory]
    [InlineData("https://evil.example", "")]
    [InlineData("//evil.example/x", "")]
    [InlineData("/\\evil.example", "")]
    [InlineData("/\t/evil.example", "")]
    [InlineData("javascript:alert(1)", "")]
    [InlineData("http://localhost/plan", "plan")]
    [InlineData("/plan?x=1", "/plan?x=1")]
    [InlineData("Account/LoginWith2fa", "Account/LoginWith2fa")]
    public void ToLocal_KeepsOnlyThisSite(string uri, string expected) =>
        Assert.Equal(expected, IdentityRedirectManager.ToLocal(uri, "http://localhost/"));

    internal static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var path = returnUrl is null ? "/Account/Login" : "/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        var form = await PortalClient.ReadFormAsync(client, path);
        form["Input.Email"] = email;
        form["Input.Password"] = password;
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    private async Task<string> CreateUserAsync(string email, string role)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user.Id;
    }

    private async Task<string> IdOfAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email))!.Id;
    }
}

/// <summary>Issue 15, item 5: a burst of wrong passwords from one source is cut off; its own factory keeps the count apart.</summary>
public sealed class LoginThrottleTests : IDisposable
{
    private readonly CoopahWebApplicationFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task SignIn_BurstOf30WrongPasswords_IsThrottledAfterTen()
    {
        using var client = _factory.CreateAnonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            // Many accounts, so the per-account lockout alone would not stop it.
            using var response = await AccountSecurityTests.PostLoginAsync(client, $"spray{i}@example.com", "Guess!2026");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        using var right = await AccountSecurityTests.PostLoginAsync(client, DemoLogins.RunnerEve, DemoLogins.RunnerPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
    }

    [Fact]
    public async Task SignIn_ManySuccessfulSignIns_AreNotThrottled()
    {
        for (var i = 0; i < 15; i++)
        {
            using var client = await _factory.SignInAsync(DemoLogins.RunnerEve, DemoLogins.RunnerPassword);
        }
    }
}
