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
    /// <summary>Pairs the run with <paramref name="sessionId"/> (one of the same runner's sessions) or, when null, with none.</summary>
    public async Task<PairingResult> PairAsync(long runId, int? sessionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.Set<MatchedRun>().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null)
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
