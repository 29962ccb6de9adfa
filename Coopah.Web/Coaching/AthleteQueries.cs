using System.Security.Claims;
using Coopah.Web.Authorization;
using Coopah.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Coopah.Web.Coaching;

/// <summary>The one place that decides which runners a coach (or admin) may see.</summary>
public static class AthleteQueries
{
    public static IQueryable<ApplicationUser> Runners(this CoopahDbContext db) =>
        from user in db.Users
        join userRole in db.UserRoles on user.Id equals userRole.UserId
        join role in db.Roles on userRole.RoleId equals role.Id
        where role.Name == Roles.Runner
        select user;

    public static IQueryable<ApplicationUser> RunnersVisibleTo(this CoopahDbContext db, ClaimsPrincipal viewer)
    {
        if (viewer.IsInRole(Roles.Admin))
        {
            return db.Runners();
        }

        if (!viewer.IsInRole(Roles.Coach))
        {
            return db.Runners().Where(_ => false);
        }

        var coachId = viewer.FindFirstValue(ClaimTypes.NameIdentifier);
        return db.Runners().Where(r => r.CoachId == coachId);
    }

    public static Task<ApplicationUser?> FindVisibleRunnerAsync(
        this CoopahDbContext db, ClaimsPrincipal viewer, string runnerId, CancellationToken cancellationToken = default) =>
        db.RunnersVisibleTo(viewer).AsNoTracking().FirstOrDefaultAsync(r => r.Id == runnerId, cancellationToken);
}
