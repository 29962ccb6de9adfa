using Coopah.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Coopah.Web.Cluster;

/// <summary>This process's identity among the instances that share the database, and which of them are alive.</summary>
public sealed class ClusterMembership(IDbContextFactory<CoopahDbContext> dbFactory, TimeProvider time)
{
    /// <summary>How often an instance writes its heartbeat.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);

    /// <summary>An instance silent for this long is dead (three missed heartbeats).</summary>
    public static readonly TimeSpan DeadAfter = TimeSpan.FromSeconds(30);

    /// <summary>Unique per process start: a restarted instance is a new member, never mistaken for its dead self.</summary>
    public string InstanceId { get; } = $"{Environment.MachineName[..Math.Min(30, Environment.MachineName.Length)]}-{Guid.NewGuid():N}";

    /// <summary>The ids of the members, this one included, whose heartbeat is recent.</summary>
    public async Task<List<string>> AliveAsync(CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow().UtcDateTime - DeadAfter;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var alive = await db.ClusterInstances.Where(i => i.HeartbeatAtUtc >= since).Select(i => i.Id).ToListAsync(cancellationToken);
        if (!alive.Contains(InstanceId))
        {
            alive.Add(InstanceId);
        }

        return alive;
    }

    internal async Task BeatAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var self = await db.ClusterInstances.SingleOrDefaultAsync(i => i.Id == InstanceId, cancellationToken);
        if (self is null)
        {
            db.ClusterInstances.Add(ClusterInstance.Start(InstanceId, Environment.MachineName, now));
        }
        else
        {
            self.Beat(now);
        }

        // Members gone for a day are history, not cluster state.
        await db.ClusterInstances.Where(i => i.HeartbeatAtUtc < now.AddDays(-1)).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    internal async Task LeaveAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.ClusterInstances.Where(i => i.Id == InstanceId).ExecuteDeleteAsync(cancellationToken);
    }
}

/// <summary>Keeps this instance's heartbeat row fresh while it runs and removes it on a clean stop.</summary>
public sealed partial class ClusterHeartbeatService(ClusterMembership membership, TimeProvider time, ILogger<ClusterHeartbeatService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ClusterMembership.HeartbeatInterval, time);
        do
        {
            try
            {
                await membership.BeatAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogBeatFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await membership.LeaveAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            // The row ages out instead: the others see this instance dead after DeadAfter.
            LogLeaveFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write this instance's heartbeat")]
    private partial void LogBeatFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove this instance's heartbeat on stop")]
    private partial void LogLeaveFailed(Exception exception);
}
