using Coopah.Web.Cluster;
using Coopah.Web.Plans;
using Coopah.Web.JobStore;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Coopah.Web.Garmin.Sync;

/// <summary>
/// Enqueues the per-runner sync job after a commit. A burst of edits collapses into one queued run: the job
/// reconciles every pending intent of the runner, so a second queued copy would only repeat the work.
/// </summary>
public sealed class GarminSyncKicker(IBackgroundJobClient jobs, JobStorage storage, DatabaseLocks locks, IOptions<GarminSyncOptions> options, TimeProvider time) : ISessionChangeObserver
{
    private readonly PendingRuns _pending = new(storage, time);

    /// <summary>One sync run per runner at a time across every instance: two would both create the same workout.</summary>
    public Task<IAsyncDisposable> LockAsync(string runnerId, CancellationToken cancellationToken) =>
        locks.AcquireAsync("garmin-sync:" + runnerId, cancellationToken);

    public void SessionsChanged(string runnerId) => Kick(runnerId);

    public void Kick(string runnerId)
    {
        var debounce = options.Value.Debounce;
        _pending.Kick(runnerId, () => debounce > TimeSpan.Zero
            ? jobs.Schedule<GarminSyncJob>(j => j.RunAsync(runnerId, CancellationToken.None), debounce)
            : jobs.Enqueue<GarminSyncJob>(j => j.RunAsync(runnerId, CancellationToken.None)));
    }

    /// <summary>A retry after a backoff or an empty call budget.</summary>
    public void KickAfter(string runnerId, TimeSpan delay) =>
        jobs.Schedule<GarminSyncJob>(j => j.RunAsync(runnerId, CancellationToken.None), delay);

    /// <summary>Called by the job as it starts: changes committed from now on need a new run.</summary>
    internal void Started(string runnerId) => _pending.Started(runnerId);
}
