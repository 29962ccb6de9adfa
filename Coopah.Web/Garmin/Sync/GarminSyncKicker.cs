using System.Collections.Concurrent;
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
    /// <summary>A queued flag older than this is treated as lost (e.g. the enqueue threw) and ignored.</summary>
    private static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, (DateTimeOffset At, string? JobId)> _queued = new(StringComparer.Ordinal);

    /// <summary>One sync run per runner at a time across every instance: two would both create the same workout.</summary>
    public Task<IAsyncDisposable> LockAsync(string runnerId, CancellationToken cancellationToken) =>
        locks.AcquireAsync("garmin-sync:" + runnerId, cancellationToken);

    public void SessionsChanged(string runnerId) => Kick(runnerId);

    public void Kick(string runnerId)
    {
        var now = time.GetUtcNow();
        // The flag is this instance's, but the job may run on another instance, whose Started cannot clear it here:
        // so a flagged job only counts while the shared store says it has not started yet. Trusting the flag alone
        // left commits made on this instance after another instance had started the run unprocessed for minutes.
        if (_queued.TryGetValue(runnerId, out var queued) && now - queued.At < StaleAfter && QueuedJob.IsWaiting(storage, queued.JobId))
        {
            return;
        }

        _queued[runnerId] = (now, null);
        var debounce = options.Value.Debounce;
        var jobId = debounce > TimeSpan.Zero
            ? jobs.Schedule<GarminSyncJob>(j => j.RunAsync(runnerId, CancellationToken.None), debounce)
            : jobs.Enqueue<GarminSyncJob>(j => j.RunAsync(runnerId, CancellationToken.None));
        _queued.TryUpdate(runnerId, (now, jobId), (now, null));
    }

    /// <summary>A retry after a backoff or an empty call budget.</summary>
    public void KickAfter(string runnerId, TimeSpan delay) =>
        jobs.Schedule<GarminSyncJob>(j => j.RunAsync(runnerId, CancellationToken.None), delay);

    /// <summary>Called by the job as it starts: changes committed from now on need a new run.</summary>
    internal void Started(string runnerId) => _queued.TryRemove(runnerId, out _);
}
