using Coopah.Web.Cluster;
using Coopah.Web.JobStore;
using Coopah.Web.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Coopah.Web.Garmin.Inbox;

/// <summary>
/// The inbox table is the truth, not the job store: after a restart, a lost enqueue or a job store that lost its
/// file, every pending row that no queued or scheduled job holds gets a job again (rows the store holds keep their
/// job, so a retry's backoff is not cut short and no row is enqueued twice). Runs at start-up and as a recurring sweep.
/// </summary>
public sealed class RequeuePendingInboxJob(
    IDbContextFactory<CoopahDbContext> dbFactory,
    IBackgroundJobClient jobs,
    JobStoreInventory inventory,
    ClusterMembership membership,
    DatabaseOptions database,
    TimeProvider time)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await ReleaseLeasesOfDeadInstancesAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = await db.GarminInbox
            .Where(m => m.Status == InboxStatus.Pending && (m.LeaseUntilUtc == null || m.LeaseUntilUtc < now))
            .OrderBy(m => m.Id)
            .Select(m => m.Id)
            .ToListAsync(cancellationToken);
        if (pending.Count > 0)
        {
            var held = inventory.Held<ProcessGarminInboxJob, long>();
            pending.RemoveAll(held.Contains);
        }

        foreach (var chunk in pending.Chunk(ProcessGarminInboxJob.MaxRowsPerJob))
        {
            jobs.Enqueue<ProcessGarminInboxJob>(job => job.RunAsync(chunk, CancellationToken.None));
        }

        return pending.Count;
    }

    /// <summary>
    /// A lease on a Pending row taken by a job of an instance that no longer runs (killed mid-row, say) is released,
    /// so the row is processed now instead of when the lease runs out; the interrupted job, if the store hands it out
    /// again later, finds the row processed and does nothing. On SQLite one host owns the database, so every lease
    /// but this process's is dead; on PostgreSQL an owner is dead when its heartbeat has stopped, and a live
    /// instance's rows are never taken from it. Runs at start-up and with every sweep.
    /// </summary>
    public async Task<int> ReleaseLeasesOfDeadInstancesAsync(CancellationToken cancellationToken)
    {
        List<string> alive = database.Provider == DatabaseProvider.Sqlite ? [membership.InstanceId] : await membership.AliveAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.GarminInbox
            .Where(m => m.Status == InboxStatus.Pending && m.LeaseUntilUtc != null && (m.LeaseOwner == null || !alive.Contains(m.LeaseOwner)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null)
                .SetProperty(m => m.LeaseOwner, (string?)null), cancellationToken);
    }
}
