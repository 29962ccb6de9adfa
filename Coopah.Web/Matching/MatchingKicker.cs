using System.Collections.Concurrent;
using Coopah.Web.Cluster;
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
public sealed class MatchingKicker(IBackgroundJobClient jobs, DatabaseLocks locks, IOptions<MatchingOptions> options, TimeProvider time)
{
    private static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _queued = new(StringComparer.Ordinal);

    /// <summary>One matching run per runner at a time across every instance (the unique indexes guard besides).</summary>
    public Task<IAsyncDisposable> LockAsync(string runnerId, CancellationToken cancellationToken) =>
        locks.AcquireAsync("matching:" + runnerId, cancellationToken);

    public void Kick(string runnerId)
    {
        var now = time.GetUtcNow();
        if (_queued.TryGetValue(runnerId, out var at) && now - at < StaleAfter)
        {
            return;
        }

        _queued[runnerId] = now;
        var debounce = options.Value.Debounce;
        if (debounce > TimeSpan.Zero)
        {
            jobs.Schedule<MatchRunJob>(j => j.RunAsync(runnerId, CancellationToken.None), debounce);
        }
        else
        {
            jobs.Enqueue<MatchRunJob>(j => j.RunAsync(runnerId, CancellationToken.None));
        }
    }

    /// <summary>Called by the job as it starts: deliveries committed from now on need a new run.</summary>
    internal void Started(string runnerId) => _queued.TryRemove(runnerId, out _);
}
