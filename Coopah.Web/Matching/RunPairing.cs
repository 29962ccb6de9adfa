using System.Security.Claims;
using Coopah.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Coopah.Web.Matching;

public enum PairingResult
{
    Done,
    NotFound,
    SessionTaken,
}

/// <summary>Manual rematch and unmatch by the coach or the runner: the choice is locked, then the job rebuilds the intervals.</summary>
public sealed class RunPairing(IDbContextFactory<CoopahDbContext> dbFactory, MatchingKicker kicker)
{
    /// <summary>
    /// Pairs the run with <paramref name="sessionId"/> (one of the same runner's sessions) or, when null, with none.
    /// Only the runner and the runner's coach may; for anyone else the run does not exist.
    /// </summary>
    public async Task<PairingResult> PairAsync(ClaimsPrincipal viewer, long runId, int? sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.RunsVisibleTo(viewer).Where(r => r.Id == runId)
            .Join(db.Users, r => r.RunnerId, u => u.Id, (r, u) => new { Run = r, u.CoachId })
            .FirstOrDefaultAsync(cancellationToken);
        var run = found?.Run;
        if (run is null || (run.RunnerId != viewer.FindFirstValue(ClaimTypes.NameIdentifier) && !RunAccess.MayReview(viewer, run.RunnerId, found!.CoachId)))
        {
            return PairingResult.NotFound;
        }

        if (sessionId is { } id)
        {
            var exists = await db.RunnerSessions.AnyAsync(s => s.Id == id && s.RunnerId == run.RunnerId && !s.Deleted, cancellationToken);
            if (!exists)
            {
                return PairingResult.NotFound;
            }

            var holder = await db.Set<MatchedRun>().FirstOrDefaultAsync(r => r.SessionId == id && r.Id != runId, cancellationToken);
            if (holder is { MatchLocked: true })
            {
                return PairingResult.SessionTaken;
            }

            if (holder is not null)
            {
                // The session's automatic run steps aside; it may find another session on the next matching run.
                holder.PairAutomatically(null, Core.Matching.MatchMethod.Unplanned);
                holder.NeedsAnalysis = true;
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        run.PairManually(sessionId);
        await db.SaveChangesAsync(cancellationToken);
        kicker.Kick(run.RunnerId);
        return PairingResult.Done;
    }
}
