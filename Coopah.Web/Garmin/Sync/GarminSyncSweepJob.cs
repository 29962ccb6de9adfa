using Coopah.Web.JobStore;
using Coopah.Core.Garmin;
using Coopah.Core.Plans.Scheduling;
using Coopah.Web.Data;
using Coopah.Web.Plans;
using Microsoft.EntityFrameworkCore;

namespace Coopah.Web.Garmin.Sync;

/// <summary>
/// The outbox table is the truth, not the job store: at start-up and every few minutes each runner with pending
/// intents and no queued or scheduled run in the store gets a run again (a lost enqueue or a restart loses
/// nothing, and a run the store kept, such as a retry waiting out its backoff, is not doubled).
/// </summary>
public sealed class GarminSyncSweepJob(IDbContextFactory<CoopahDbContext> dbFactory, GarminSyncKicker kicker, JobStoreInventory inventory, TimeProvider time)
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
        var held = pending.Count > 0 ? inventory.Held<GarminSyncJob, string>() : new HashSet<string>();
        foreach (var runner in pending)
        {
            if (held.Contains(runner.RunnerId))
            {
                continue;
            }

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
/// Hourly: the horizon moves at each runner's local midnight, not UTC's (Auckland starts a day 13 hours before
/// UTC does, Honolulu 10 hours after). The first run that sees a new local date for a runner with a usable link
/// gives them a Reconcile intent, which pushes the sessions that entered the horizon and leaves past ones alone.
/// A run missed while the app was down is caught up by the next one.
/// </summary>
public sealed class GarminSyncHorizonJob(IDbContextFactory<CoopahDbContext> dbFactory, GarminSyncKicker kicker, TimeProvider time)
{
    /// <returns>How many runners got a Reconcile intent.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var links = await db.GarminLinks
            .Where(l => l.Status == GarminLinkStatus.Active && l.Permissions.Contains(GarminPermissions.WorkoutImport))
            .ToListAsync(cancellationToken);
        var runnerIds = links.Select(l => l.UserId).ToList();
        var zones = await db.RunnerGoals
            .Where(g => runnerIds.Contains(g.RunnerId))
            .ToDictionaryAsync(g => g.RunnerId, g => g.TimeZoneId, cancellationToken);

        var moved = new List<string>();
        foreach (var link in links)
        {
            var today = LocalDate.Today(time, RunnerCalendar.FindZone(zones.GetValueOrDefault(link.UserId)));
            if (link.HorizonMovedOnLocalDate == today)
            {
                continue;
            }

            link.HorizonMovedOnLocalDate = today;
            GarminSyncOutbox.AddRunnerIntent(db, link.UserId, GarminSyncIntentKind.Reconcile, now);
            moved.Add(link.UserId);
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var runnerId in moved)
        {
            kicker.Kick(runnerId);
        }

        return moved.Count;
    }
}
