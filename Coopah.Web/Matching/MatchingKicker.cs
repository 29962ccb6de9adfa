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
    private readonly PendingRuns _pending = new(storage, time);

    /// <summary>One matching run per runner at a time across every instance (the unique indexes guard besides).</summary>
    public Task<IAsyncDisposable> LockAsync(string runnerId, CancellationToken cancellationToken) =>
        locks.AcquireAsync("matching:" + runnerId, cancellationToken);

    public void Kick(string runnerId)
    {
        var debounce = options.Value.Debounce;
        _pending.Kick(runnerId, () => debounce > TimeSpan.Zero
            ? jobs.Schedule<MatchRunJob>(j => j.RunAsync(runnerId, CancellationToken.None), debounce)
            : jobs.Enqueue<MatchRunJob>(j => j.RunAsync(runnerId, CancellationToken.None)));
    }

    /// <summary>Called by the job as it starts: deliveries committed from now on need a new run.</summary>
    internal void Started(string runnerId) => _pending.Started(runnerId);
}
