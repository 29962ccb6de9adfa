using System.Security.Claims;
using Coopah.Web.Administration;
using Coopah.Web.Authorization;
using Coopah.Web.Coaching;
using Coopah.Web.Data;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Administration;

public sealed class UserAdministrationTests : IAsyncLifetime
{
    private readonly CoopahWebApplicationFactory _factory = new();
    private UserAdministration _admin = default!;

    public async Task InitializeAsync()
    {
        _ = _factory.Server;
        _admin = new UserAdministration(_factory.Services.GetRequiredService<IServiceScopeFactory>());
        await Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AssignCoachAsync_RunnerToOtherCoach_MovesRunnerBetweenCoachViews()
    {
        var users = await _admin.ListAsync();
        var cara = users.Single(u => u.Email == DemoLogins.RunnerCara);
        var ben = users.Single(u => u.Email == DemoLogins.CoachBen);
        var anna = users.Single(u => u.Email == DemoLogins.CoachAnna);

        var result = await _admin.AssignCoachAsync(cara.Id, ben.Id);

        Assert.True(result.Succeeded, result.Error);
        Assert.Contains(cara.Id, await VisibleRunnerIdsAsync(ben.Id));
        Assert.DoesNotContain(cara.Id, await VisibleRunnerIdsAsync(anna.Id));
    }

    [Fact]
    public async Task AssignCoachAsync_ToNonCoach_FailsAndKeepsAssignment()
    {
        var users = await _admin.ListAsync();
        var cara = users.Single(u => u.Email == DemoLogins.RunnerCara);
        var eve = users.Single(u => u.Email == DemoLogins.RunnerEve);

        var result = await _admin.AssignCoachAsync(cara.Id, eve.Id);

        Assert.False(result.Succeeded);
        Assert.Equal(cara.CoachId, (await _admin.ListAsync()).Single(u => u.Id == cara.Id).CoachId);
    }

    [Fact]
    public async Task SetRoleAsync_CoachBecomesRunner_ReleasesTheirRunners()
    {
        var users = await _admin.ListAsync();
        var admin = users.Single(u => u.Email == DemoLogins.Admin);
        var anna = users.Single(u => u.Email == DemoLogins.CoachAnna);

        var result = await _admin.SetRoleAsync(admin.Id, anna.Id, Roles.Runner);

        Assert.True(result.Succeeded, result.Error);
        var after = await _admin.ListAsync();
        Assert.Equal(Roles.Runner, after.Single(u => u.Id == anna.Id).Role);
        Assert.DoesNotContain(after, u => u.CoachId == anna.Id);
    }

    [Fact]
    public async Task SetRoleAsync_OwnAdminRole_IsRefused()
    {
        var admin = (await _admin.ListAsync()).Single(u => u.Email == DemoLogins.Admin);

        var result = await _admin.SetRoleAsync(admin.Id, admin.Id, Roles.Runner);

        Assert.False(result.Succeeded);
        Assert.Equal(Roles.Admin, (await _admin.ListAsync()).Single(u => u.Id == admin.Id).Role);
    }

    [Fact]
    public async Task SetRoleAsync_UnknownRole_IsRefused()
    {
        var users = await _admin.ListAsync();
        var admin = users.Single(u => u.Email == DemoLogins.Admin);
        var cara = users.Single(u => u.Email == DemoLogins.RunnerCara);

        var result = await _admin.SetRoleAsync(admin.Id, cara.Id, "SuperUser");

        Assert.False(result.Succeeded);
        Assert.Contains("Unknown role", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetRoleAsync_ConcurrentChangesOfOneUser_LeaveExactlyOneRole()
    {
        var users = await _admin.ListAsync();
        var admin = users.Single(u => u.Email == DemoLogins.Admin);
        var finn = users.Single(u => u.Email == DemoLogins.RunnerCara);

        await Task.WhenAll(
            _admin.SetRoleAsync(admin.Id, finn.Id, Roles.Coach),
            _admin.SetRoleAsync(admin.Id, finn.Id, Roles.Coach));

        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoopahDbContext>();
        Assert.Equal(1, await db.UserRoles.CountAsync(r => r.UserId == finn.Id));
    }

    private async Task<List<string>> VisibleRunnerIdsAsync(string coachId)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoopahDbContext>();
        var coach = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, coachId), new Claim(ClaimTypes.Role, Roles.Coach)], "test"));
        return await db.RunnersVisibleTo(coach).Select(r => r.Id).ToListAsync();
    }
}
