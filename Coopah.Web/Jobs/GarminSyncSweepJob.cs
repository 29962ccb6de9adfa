using Coopah.Web.Data;
using Coopah.Web.Garmin.Sync;
using Microsoft.EntityFrameworkCore;

namespace Coopah.Web.Jobs;

/// <summary>
/// The outbox table is the truth, not Hangfire's in-memory store: at start-up and every few minutes each runner
/// with pending intents gets a run again (a lost enqueue or a restart loses nothing).
/// </summary>
public sealed class GarminSyncSweepJob(IDbContextFactory<CoopahDbContext> dbFactory, GarminSyncKicker kicker, TimeProvider time)
{
    /// <summary>How long Done and Skipped intents are kept.</summary>
    public static readonly TimeSpan FinishedRetention = TimeSpan.FromDays(30);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // Finished intents are only history; Failed ones stay for the admin overview until retried.
        var cutoff = now - FinishedRetention;
        await db.GarminSyncIntents
            .Where(i => (i.Status == GarminSyncIntentStatus.Done || i.Status == GarminSyncIntentStatus.Skipped) && i.UpdatedUtc < cutoff)
            .ExecuteDeleteAsync(cancellationToken);

        var pending = await db.GarminSyncIntents
            .Where(i => i.Status == GarminSyncIntentStatus.Pending)
            .GroupBy(i => i.RunnerId)
            .Select(g => new { RunnerId = g.Key, Next = g.Min(i => i.NextAttemptUtc) })
            .ToListAsync(cancellationToken);
        foreach (var runner in pending)
        {
            if (runner.Next is { } next && next > now)
            {
                kicker.KickAfter(runner.RunnerId, next - now);
            }
            else
            {
                kicker.Kick(runner.RunnerId);
            }
        }

        return pending.Count;
    }
}

/// <summary>
/// Daily: the horizon moves one day, so every runner with a usable link gets a Reconcile intent; the job pushes
/// the sessions that entered the horizon and leaves past ones alone.
/// </summary>
public sealed class GarminSyncHorizonJob(IDbContextFactory<CoopahDbContext> dbFactory, GarminSyncKicker kicker, TimeProvider time)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var runners = await db.GarminLinks
            .Where(l => l.Status == GarminLinkStatus.Active && l.Permissions.Contains(GarminSyncJob.WorkoutImport))
            .Select(l => l.UserId).ToListAsync(cancellationToken);
        foreach (var runnerId in runners)
        {
            GarminSyncOutbox.AddRunnerIntent(db, runnerId, GarminSyncIntentKind.Reconcile, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var runnerId in runners)
        {
            kicker.Kick(runnerId);
        }

        return runners.Count;
    }
}
