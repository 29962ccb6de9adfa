using System.Collections.Concurrent;
using Coopah.Web.Cluster;
using Coopah.Web.JobStore;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Coopah.Web.Matching;

public sealed class MatchingOptions
{
    public const string SectionName = "Matching";

    /// <summary>
    /// Wait after a delivery before matching, so a run's summary, details and FIT file (sent within seconds of each
    /// other) are usually matched once. Each later delivery still re-runs matching for its run.
    /// </summary>
    public TimeSpan Debounce { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>Queues one matching run per runner after a commit; a burst of deliveries collapses into one run.</summary>
public sealed class MatchingKicker(IBackgroundJobClient jobs, JobStorage storage, DatabaseLocks locks, IOptions<MatchingOptions> options, TimeProvider time)
{
    private static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, (DateTimeOffset At, string? JobId)> _queued = new(StringComparer.Ordinal);

    /// <summary>One matching run per runner at a time across every instance (the unique indexes guard besides).</summary>
    public Task<IAsyncDisposable> LockAsync(string runnerId, CancellationToken cancellationToken) =>
        locks.AcquireAsync("matching:" + runnerId, cancellationToken);

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
            ? jobs.Schedule<MatchRunJob>(j => j.RunAsync(runnerId, CancellationToken.None), debounce)
            : jobs.Enqueue<MatchRunJob>(j => j.RunAsync(runnerId, CancellationToken.None));
        _queued.TryUpdate(runnerId, (now, jobId), (now, null));
    }

    /// <summary>Called by the job as it starts: deliveries committed from now on need a new run.</summary>
    internal void Started(string runnerId) => _queued.TryRemove(runnerId, out _);
}
