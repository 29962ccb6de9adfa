using System.Security.Claims;
using Coopah.Web.Authorization;
using Coopah.Web.Coaching;
using Coopah.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Coopah.Web.Matching;

/// <summary>Who may open a run: the runner who ran it and the coach of that runner (admins oversee every coach).</summary>
public static class RunAccess
{
    public static DbSet<MatchedRun> Runs(this CoopahDbContext db) => db.Set<MatchedRun>();

    public static DbSet<RunComment> RunComments(this CoopahDbContext db) => db.Set<RunComment>();

    /// <summary>The runs a viewer may open.</summary>
    public static IQueryable<MatchedRun> RunsVisibleTo(this CoopahDbContext db, ClaimsPrincipal viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var viewerId = viewer.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        if (viewer.IsInRole(Roles.Admin) || viewer.IsInRole(Roles.Coach))
        {
            var runners = db.RunnersVisibleTo(viewer).Select(r => r.Id);
            return db.Runs().Where(r => r.RunnerId == viewerId || runners.Contains(r.RunnerId));
        }

        return db.Runs().Where(r => r.RunnerId == viewerId);
    }

    /// <summary>Whether the viewer coaches this run's runner (review marks and flags are the coach's).</summary>
    public static bool MayReview(ClaimsPrincipal viewer, string runnerId, string? runnerCoachId)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer.IsInRole(Roles.Admin)
            || (viewer.IsInRole(Roles.Coach) && runnerCoachId is not null && runnerCoachId == viewer.FindFirstValue(ClaimTypes.NameIdentifier)
                && runnerId != runnerCoachId);
    }
}
