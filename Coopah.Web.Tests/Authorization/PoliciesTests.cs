using System.Security.Claims;
using Coopah.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Authorization;

public sealed class PoliciesTests
{
    private static readonly IAuthorizationService Authorization = new ServiceCollection()
        .AddLogging()
        .AddAuthorization(Policies.Configure)
        .BuildServiceProvider()
        .GetRequiredService<IAuthorizationService>();

    [Theory]
    [InlineData(Policies.Admin, Roles.Admin, true)]
    [InlineData(Policies.Admin, Roles.Coach, false)]
    [InlineData(Policies.Admin, Roles.Runner, false)]
    [InlineData(Policies.Coach, Roles.Coach, true)]
    [InlineData(Policies.Coach, Roles.Admin, true)]
    [InlineData(Policies.Coach, Roles.Runner, false)]
    [InlineData(Policies.Runner, Roles.Runner, true)]
    [InlineData(Policies.Runner, Roles.Coach, false)]
    [InlineData(Policies.Runner, Roles.Admin, false)]
    [InlineData(Policies.Member, Roles.Runner, true)]
    public async Task AuthorizeAsync_RoleAgainstPolicy_MatchesTable(string policy, string role, bool allowed)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "u"), new Claim(ClaimTypes.Role, role)], "test"));

        var result = await Authorization.AuthorizeAsync(user, policy);

        Assert.Equal(allowed, result.Succeeded);
    }

    [Theory]
    [InlineData(Policies.Admin)]
    [InlineData(Policies.Coach)]
    [InlineData(Policies.Runner)]
    [InlineData(Policies.Member)]
    public async Task AuthorizeAsync_AnonymousUser_IsRejectedByEveryPolicy(string policy)
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity());

        var result = await Authorization.AuthorizeAsync(anonymous, policy);

        Assert.False(result.Succeeded);
    }

    [Fact]
    public void Policies_EveryRoutablePageNamesAPolicy()
    {
        var pages = typeof(Program).Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes(typeof(Microsoft.AspNetCore.Components.RouteAttribute), false).Length > 0)
            .Where(t => t.Namespace is "Coopah.Web.Sandbox.Pages" || t.Namespace?.StartsWith("Coopah.Web.Components.Pages", StringComparison.Ordinal) == true)
            .ToList();
        var open = new[] { "HomePage", "NotFound", "Error" };

        var unguarded = pages
            .Where(p => !open.Contains(p.Name))
            .Where(p => p.GetCustomAttributes(typeof(AuthorizeAttribute), true).Cast<AuthorizeAttribute>().All(a => string.IsNullOrEmpty(a.Policy)))
            .Select(p => p.Name)
            .ToList();

        Assert.Contains(pages, p => p.Name == "SandboxPage");
        Assert.Empty(unguarded);
    }
}
