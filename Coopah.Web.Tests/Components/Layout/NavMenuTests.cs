using Bunit;
using Coopah.Web.Authorization;
using Coopah.Web.Components.Layout;
using Coopah.Web.Components.Runs;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Coopah.Web.Tests.Infrastructure;

namespace Coopah.Web.Tests.Components.Layout;

public sealed class NavMenuTests : IAsyncLifetime
{
    private readonly MudBunitContext _context = new();
    private int _unreviewed;

    public NavMenuTests() => _context.Services.AddScoped(sp => new ReviewCount((_, _) => Task.FromResult(_unreviewed), sp.GetRequiredService<AuthenticationStateProvider>()));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Theory]
    [InlineData(Roles.Admin, new[] { "Plans", "Users", "Integration", "Workout sync", "Athletes", "Review queue" }, new[] { "My plan", "Calendar", "Garmin" })]
    [InlineData(Roles.Coach, new[] { "Athletes", "Review queue" }, new[] { "Plans", "Users", "Integration", "Workout sync", "My plan", "Calendar", "Garmin" })]
    [InlineData(Roles.Runner, new[] { "My plan", "Calendar", "Garmin" }, new[] { "Plans", "Users", "Integration", "Workout sync", "Athletes", "Review queue" })]
    public void Render_Role_ShowsOnlyThatRolesLinks(string role, string[] shown, string[] hidden)
    {
        var auth = _context.AddAuthorization();
        auth.SetAuthorized("someone@coopah.local");
        auth.SetRoles(role);

        var nav = _context.Render<NavMenu>();

        var links = nav.FindAll("a").Select(a => a.TextContent.Trim()).ToList();
        Assert.All(shown, link => Assert.Contains(link, links));
        Assert.All(hidden, link => Assert.DoesNotContain(link, links));
    }

    [Fact]
    public void Render_Coach_ShowsTheUnreviewedCountOnTheReviewQueue()
    {
        _unreviewed = 3;
        var auth = _context.AddAuthorization();
        auth.SetAuthorized("coach@coopah.local");
        auth.SetRoles(Roles.Coach);

        var nav = _context.Render<NavMenu>();

        Assert.Equal("3", nav.Find("[data-testid=review-count]").TextContent.Trim());
    }

    [Fact]
    public void Render_Coach_WithNothingToReview_ShowsNoBadge()
    {
        var auth = _context.AddAuthorization();
        auth.SetAuthorized("coach@coopah.local");
        auth.SetRoles(Roles.Coach);

        var nav = _context.Render<NavMenu>();

        Assert.Empty(nav.FindAll("[data-testid=review-count]"));
    }

    [Fact]
    public void Render_Anonymous_ShowsOnlyDashboard()
    {
        _context.AddAuthorization();

        var nav = _context.Render<NavMenu>();

        var links = nav.FindAll("a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Dashboard"], links);
    }
}
