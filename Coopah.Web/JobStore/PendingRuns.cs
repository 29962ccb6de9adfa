using System.Collections.Concurrent;
using Hangfire;
using Hangfire.States;

namespace Coopah.Web.JobStore;

/// <summary>
/// Collapses a burst of kicks into one queued run per key (a runner): a kick while that key's run has yet to start
/// queues nothing. The note of what this instance queued is local, but the run may start on another instance, whose
/// start cannot clear it here; so a noted run counts only while the shared store says it has not started. Trusting
/// the note alone left commits made after another instance had started the run unprocessed for minutes.
/// </summary>
public sealed class PendingRuns(JobStorage storage, TimeProvider time)
{
    /// <summary>A note older than this is treated as lost (e.g. the enqueue threw) and ignored.</summary>
    private static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, (DateTimeOffset At, string? JobId)> _queued = new(StringComparer.Ordinal);

    /// <summary>Queues a run with <paramref name="queue"/> (which returns the job id) unless one for <paramref name="key"/> is still waiting.</summary>
    public void Kick(string key, Func<string> queue)
    {
        var now = time.GetUtcNow();
        if (_queued.TryGetValue(key, out var noted) && now - noted.At < StaleAfter && IsWaiting(noted.JobId))
        {
            return;
        }

        _queued[key] = (now, null);
        _queued.TryUpdate(key, (now, queue()), (now, null));
    }

    /// <summary>Called as the run starts: commits from now on need a new run.</summary>
    public void Started(string key) => _queued.TryRemove(key, out _);

    /// <summary>Still scheduled or enqueued (or its id not known yet: it is being queued right now).</summary>
    private bool IsWaiting(string? jobId)
    {
        if (jobId is null)
        {
            return true;
        }

        using var connection = storage.GetConnection();
        var state = connection.GetStateData(jobId)?.Name;
        return state == ScheduledState.StateName || state == EnqueuedState.StateName || state == AwaitingState.StateName;
    }
}
