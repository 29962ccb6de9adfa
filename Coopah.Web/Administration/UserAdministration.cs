using Coopah.Web.Authorization;
using Coopah.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Coopah.Web.Administration;

public sealed record UserRow(string Id, string Email, string Name, string Role, string? CoachId);

/// <summary>
/// Admin operations on accounts. Each call uses its own scope, so a long-lived circuit never works
/// against a stale Identity DbContext.
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CoopahDbContext>>().CreateDbContextAsync(cancellationToken);
        await using (db)
        {
            var rows = await (
                from user in db.Users
                join userRole in db.UserRoles on user.Id equals userRole.UserId into userRoles
                from userRole in userRoles.DefaultIfEmpty()
                join role in db.Roles on userRole.RoleId equals role.Id into roles
                from role in roles.DefaultIfEmpty()
                orderby user.Email
                select new { user.Id, user.Email, user.DisplayName, Role = role.Name, user.CoachId })
                .AsNoTracking()
                .ToListAsync(cancellationToken);

            return rows
                .GroupBy(r => r.Id)
                .Select(g => g.First())
                .Select(r => new UserRow(r.Id, r.Email ?? "", string.IsNullOrWhiteSpace(r.DisplayName) ? r.Email ?? r.Id : r.DisplayName, r.Role ?? "", r.CoachId))
                .ToList();
        }
    }

    /// <summary>Gives the user exactly one role. A runner who stops being a runner loses their coach.</summary>
    public async Task<AdminResult> SetRoleAsync(string actingUserId, string userId, string role)
    {
        if (!Roles.All.Contains(role))
        {
            return AdminResult.Fail($"Unknown role '{role}'.");
        }

        if (actingUserId == userId && role != Roles.Admin)
        {
            return AdminResult.Fail("You cannot remove your own admin role.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return AdminResult.Fail("That user no longer exists.");
        }

        var current = await users.GetRolesAsync(user);
        var removed = await users.RemoveFromRolesAsync(user, current.Where(r => r != role));
        if (!removed.Succeeded)
        {
            return AdminResult.Fail(Describe(removed));
        }

        if (!current.Contains(role))
        {
            var added = await users.AddToRoleAsync(user, role);
            if (!added.Succeeded)
            {
                return AdminResult.Fail(Describe(added));
            }
        }

        if (role != Roles.Runner && user.CoachId is not null)
        {
            user.CoachId = null;
        }

        // A new security stamp makes the user's existing sign-ins pick up the new role.
        await users.UpdateSecurityStampAsync(user);
        await ClearRunnersOfFormerCoachAsync(scope, userId, role);
        return AdminResult.Ok;
    }

    public async Task<AdminResult> AssignCoachAsync(string runnerId, string? coachId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var runner = await users.FindByIdAsync(runnerId);
        if (runner is null || !await users.IsInRoleAsync(runner, Roles.Runner))
        {
            return AdminResult.Fail("Only runners can be assigned to a coach.");
        }

        if (coachId is not null)
        {
            var coach = await users.FindByIdAsync(coachId);
            if (coach is null || !await users.IsInRoleAsync(coach, Roles.Coach))
            {
                return AdminResult.Fail("That user is not a coach.");
            }
        }

        runner.CoachId = coachId;
        var result = await users.UpdateAsync(runner);
        return result.Succeeded ? AdminResult.Ok : AdminResult.Fail(Describe(result));
    }

    private static async Task ClearRunnersOfFormerCoachAsync(AsyncServiceScope scope, string userId, string newRole)
    {
        if (newRole == Roles.Coach)
        {
            return;
        }

        var db = scope.ServiceProvider.GetRequiredService<CoopahDbContext>();
        await db.Users.Where(u => u.CoachId == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.CoachId, (string?)null));
    }

    private static string Describe(IdentityResult result) => string.Join("; ", result.Errors.Select(e => e.Description));
}

public sealed record AdminResult(bool Succeeded, string? Error)
{
    public static AdminResult Ok { get; } = new(true, null);

    public static AdminResult Fail(string error) => new(false, error);
}
