using Coopah.Web.JobStore;
using Coopah.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Coopah.Web.Matching;

/// <summary>
/// Kicks matching for every runner with deliveries not yet matched and no queued or scheduled run in the job store:
/// at start-up (the store may have lost the queued runs) and every few minutes. The flags live in the app database,
/// so nothing depends on the job store.
/// </summary>
public sealed class MatchingSweepJob(IDbContextFactory<CoopahDbContext> dbFactory, MatchingKicker kicker, JobStoreInventory inventory)
{
    public const string RecurringJobId = "run-matching-sweep";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var runners = await db.GarminActivities.Where(a => a.NeedsMatching).Select(a => a.UserId)
            .Union(db.GarminFiles.Where(f => f.NeedsMatching).Select(f => f.UserId))
            .Union(db.Set<MatchedRun>().Where(r => r.NeedsAnalysis).Select(r => r.RunnerId))
            .Distinct()
            .ToListAsync(cancellationToken);
        var held = runners.Count > 0 ? inventory.Held<MatchRunJob, string>() : new HashSet<string>();
        foreach (var runnerId in runners.Where(r => !held.Contains(r)))
        {
            kicker.Kick(runnerId);
        }
    }
}
