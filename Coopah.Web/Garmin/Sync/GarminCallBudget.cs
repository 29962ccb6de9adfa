using Coopah.Web.Cluster;
using Coopah.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coopah.Web.Garmin.Sync;

/// <summary>
/// Partner-wide budget for Training API calls. Garmin counts calls per partner app, not per host, so the calls of
/// the last minute are rows in the database every instance shares, taken under a lock that holds across instances.
/// It is a rolling 60-second window, the same shape as Garmin's limit: a refilling token bucket would allow a full
/// bucket plus a minute of refill inside one window, i.e. nearly twice the quota. A caller that finds it empty gets
/// the wait and reschedules its job instead of sleeping on a Hangfire worker.
/// </summary>
public sealed class GarminCallBudget(
    IDbContextFactory<CoopahDbContext> dbFactory,
    DatabaseLocks locks,
    DatabaseWriteGate writeGate,
    IOptions<GarminSyncOptions> options,
    TimeProvider time)
{
    private const string LockName = "garmin-call-budget";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Takes one call: null when taken, else the wait until a call leaves the window.</summary>
    public async Task<TimeSpan?> TryTakeAsync(CancellationToken cancellationToken)
    {
        var perMinute = Math.Max(1, options.Value.PartnerCallsPerMinute);
        await using var held = await locks.AcquireAsync(LockName, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var windowStart = now - Window;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var recent = await db.GarminCalls.AsNoTracking()
            .Where(c => c.AtUtc > windowStart)
            .OrderBy(c => c.AtUtc)
            .Select(c => c.AtUtc)
            .Take(perMinute)
            .ToListAsync(cancellationToken);
        if (recent.Count >= perMinute)
        {
            return DateTime.SpecifyKind(recent[0], DateTimeKind.Utc) + Window - now;
        }

        db.GarminCalls.Add(new GarminCall { AtUtc = now });
        using (await writeGate.EnterAsync(urgent: false))
        {
            await db.GarminCalls.Where(c => c.AtUtc <= windowStart).ExecuteDeleteAsync(CancellationToken.None);
            await db.SaveChangesAsync(CancellationToken.None);
        }

        return null;
    }
}
