using Bunit;
using Coopah.Web.Authorization;
using Coopah.Web.Components.Layout;
using Coopah.Web.Tests.Infrastructure;

namespace Coopah.Web.Tests.Components.Layout;

public sealed class NavMenuTests : IAsyncLifetime
{
    private readonly MudBunitContext _context = new();

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
    public void Render_Anonymous_ShowsOnlyDashboard()
    {
        _context.AddAuthorization();

        var nav = _context.Render<NavMenu>();

        var links = nav.FindAll("a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Dashboard"], links);
    }
}
