using Coopah.Web.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Coopah.Web.Garmin.Inbox;

/// <summary>
/// Hangfire's store is in memory, so after a restart (or a lost enqueue) the inbox table is the truth:
/// every pending row gets a job again. Runs at start-up and as a recurring sweep.
/// </summary>
public sealed class RequeuePendingInboxJob(IDbContextFactory<CoopahDbContext> dbFactory, IBackgroundJobClient jobs, TimeProvider time)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = await db.GarminInbox
            .Where(m => m.Status == InboxStatus.Pending && (m.LeaseUntilUtc == null || m.LeaseUntilUtc < now))
            .OrderBy(m => m.Id)
            .Select(m => m.Id)
            .ToListAsync(cancellationToken);
        foreach (var chunk in pending.Chunk(ProcessGarminInboxJob.MaxRowsPerJob))
        {
            jobs.Enqueue<ProcessGarminInboxJob>(job => job.RunAsync(chunk, CancellationToken.None));
        }

        return pending.Count;
    }

    /// <summary>
    /// At start-up only: a lease on a Pending row was taken by a job of a process that no longer runs (the job
    /// store is in memory and one host owns the database), for example one killed mid-row. Releasing it lets the
    /// start-up requeue process the row now instead of after the lease runs out.
    /// </summary>
    public async Task<int> ReleaseLeasesOfPreviousRunAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.GarminInbox
            .Where(m => m.Status == InboxStatus.Pending && m.LeaseUntilUtc != null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntilUtc, (DateTime?)null), cancellationToken);
    }
}
