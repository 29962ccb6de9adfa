using Hangfire;
using Hangfire.States;

namespace Coopah.Web.JobStore;

/// <summary>Whether a job a kicker queued has yet to start, wherever it is going to run.</summary>
internal static class QueuedJob
{
    /// <summary>
    /// True while <paramref name="jobId"/> is still scheduled or enqueued in the store (or its id is not known yet,
    /// i.e. it is being enqueued right now). Once any instance has picked it up, a new commit needs a new run.
    /// </summary>
    public static bool IsWaiting(JobStorage storage, string? jobId)
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
