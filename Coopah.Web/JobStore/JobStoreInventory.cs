using Hangfire;
using Hangfire.Common;

namespace Coopah.Web.JobStore;

/// <summary>
/// Reads the job store so the start-up requeue and the sweeps add only what it does not already hold. With a
/// durable store a restart keeps enqueued jobs and scheduled ones (retries with backoff, debounced runs); enqueuing
/// them again would run the work twice and cut a backoff short. Jobs shown as processing are not counted: at
/// start-up they belong to the previous process and come back only after the invisibility timeout, so their rows
/// are re-enqueued now and the late copy finds nothing left to claim. Generic over the job type so the slices
/// that own the jobs ask for theirs and this folder depends on none of them.
/// </summary>
public sealed partial class JobStoreInventory(JobStorage storage, ILogger<JobStoreInventory> logger)
{
    private const int PageSize = 500;

    /// <summary>The first argument (or its elements, when it is an array) of every enqueued or scheduled <typeparamref name="TJob"/>.</summary>
    public IReadOnlySet<T> Held<TJob, T>()
    {
        var held = new HashSet<T>();
        try
        {
            var monitor = storage.GetMonitoringApi();
            foreach (var queue in monitor.Queues())
            {
                for (var from = 0; ; from += PageSize)
                {
                    var page = monitor.EnqueuedJobs(queue.Name, from, PageSize);
                    foreach (var job in page)
                    {
                        Add(job.Value?.Job);
                    }

                    if (page.Count < PageSize)
                    {
                        break;
                    }
                }
            }

            for (var from = 0; ; from += PageSize)
            {
                var page = monitor.ScheduledJobs(from, PageSize);
                foreach (var job in page)
                {
                    Add(job.Value?.Job);
                }

                if (page.Count < PageSize)
                {
                    break;
                }
            }
        }
        catch (Exception ex)
        {
            // Counting nothing as held only risks a duplicate run, which every job tolerates; never a lost one.
            LogReadFailed(ex);
            return new HashSet<T>();
        }

        return held;

        void Add(Job? job)
        {
            if (job is null || job.Type != typeof(TJob) || job.Args.Count == 0)
            {
                return;
            }

            switch (job.Args[0])
            {
                case T one:
                    held.Add(one);
                    break;
                case T[] many:
                    held.UnionWith(many);
                    break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the job store; every pending row is enqueued again")]
    private partial void LogReadFailed(Exception exception);
}
