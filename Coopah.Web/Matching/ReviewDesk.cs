using System.Security.Claims;
using Coopah.Core.Matching;
using Coopah.Web.Coaching;
using Coopah.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Coopah.Web.Matching;

/// <summary>Filters of the review queue.</summary>
public sealed record ReviewFilter(string? RunnerId = null, RunState? State = null, bool FlaggedOnly = false, bool IncludeReviewed = false, int Limit = 200);

/// <summary>The coach's review queue, its count, and the review marks.</summary>
public sealed class ReviewDesk(IDbContextFactory<CoopahDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Matched and unplanned runs of the viewer's athletes, unreviewed first, newest first.</summary>
    public async Task<IReadOnlyList<RunListItem>> QueueAsync(ClaimsPrincipal viewer, ReviewFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var athletes = db.RunnersVisibleTo(viewer).Select(r => r.Id);
        var runs = db.Runs().Where(r => r.IsRunning && athletes.Contains(r.RunnerId));
        if (!filter.IncludeReviewed)
        {
            runs = runs.Where(r => r.ReviewedAtUtc == null);
        }

        if (filter.RunnerId is { Length: > 0 } runnerId)
        {
            runs = runs.Where(r => r.RunnerId == runnerId);
        }

        if (filter.FlaggedOnly)
        {
            runs = runs.Where(r => r.Flagged);
        }

        runs = filter.State switch
        {
            RunState.Unplanned => runs.Where(r => r.SessionId == null),
            RunState.OnTarget => runs.Where(r => r.SessionId != null && r.Colour == ComplianceColour.Green),
            RunState.Partly => runs.Where(r => r.SessionId != null && r.Colour == ComplianceColour.Yellow),
            RunState.OffTarget => runs.Where(r => r.SessionId != null && r.Colour == ComplianceColour.Red),
            _ => runs,
        };

        return await db.ListItems(runs.OrderBy(r => r.ReviewedAtUtc != null).ThenByDescending(r => r.StartTimeUtc).Take(filter.Limit))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Unreviewed runs of the viewer's athletes (the navigation badge).</summary>
    public async Task<int> UnreviewedCountAsync(ClaimsPrincipal viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var athletes = db.RunnersVisibleTo(viewer).Select(r => r.Id);
        return await db.Runs().CountAsync(r => r.IsRunning && r.ReviewedAtUtc == null && athletes.Contains(r.RunnerId), cancellationToken);
    }

    /// <summary>Marks runs reviewed (or not); runs the viewer does not coach are left alone. Returns how many changed.</summary>
    public async Task<int> SetReviewedAsync(ClaimsPrincipal viewer, IReadOnlyCollection<long> runIds, bool reviewed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var runs = await ReviewableAsync(db, viewer, runIds, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var coachId = viewer.FindFirstValue(ClaimTypes.NameIdentifier)!;
        foreach (var run in runs)
        {
            if (reviewed)
            {
                run.MarkReviewed(coachId, now);
            }
            else
            {
                run.MarkUnreviewed();
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return runs.Count;
    }

    public async Task<bool> SetFlagAsync(ClaimsPrincipal viewer, long runId, bool flagged, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var run = (await ReviewableAsync(db, viewer, [runId], cancellationToken)).SingleOrDefault();
        if (run is null)
        {
            return false;
        }

        run.SetFlag(flagged);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Review marks are the coach's: only runs of runners the viewer coaches (admins: all).</summary>
    private static async Task<List<MatchedRun>> ReviewableAsync(CoopahDbContext db, ClaimsPrincipal viewer, IReadOnlyCollection<long> runIds, CancellationToken cancellationToken)
    {
        var ids = runIds.Distinct().ToList();
        var candidates = await db.Runs().Where(r => ids.Contains(r.Id))
            .Join(db.Users, r => r.RunnerId, u => u.Id, (r, u) => new { Run = r, u.CoachId })
            .ToListAsync(cancellationToken);
        return [.. candidates.Where(c => RunAccess.MayReview(viewer, c.Run.RunnerId, c.CoachId)).Select(c => c.Run)];
    }
}

public static class RunListQueries
{
    /// <summary>Projects runs to list items with the runner's and the session's names in one query.</summary>
    public static IQueryable<RunListItem> ListItems(this CoopahDbContext db, IQueryable<MatchedRun> runs) =>
        from r in runs
        join u in db.Users on r.RunnerId equals u.Id
        join s in db.RunnerSessions on r.SessionId equals s.Id into sessions
        from s in sessions.DefaultIfEmpty()
        select new RunListItem(
            r.Id, r.RunnerId, u.DisplayName ?? u.Email ?? u.UserName ?? u.Id, r.LocalDate, r.StartTimeUtc.AddSeconds(r.StartTimeOffsetSeconds),
            r.Name, r.IsRunning, r.DistanceMetres, r.TimerSeconds, r.AverageHeartRate, r.SessionId, s == null ? null : s.Name,
            r.Method, r.Score, r.Colour, r.ReviewedAtUtc != null, r.Flagged);
}
