using Coopah.Web.Matching;
using Hangfire;
using Hangfire.Common;

namespace Coopah.Web.Jobs;

/// <summary>What the job store already holds and will run: enqueued and scheduled jobs, by what they work on.</summary>
public sealed record HeldJobs(IReadOnlySet<long> InboxIds, IReadOnlySet<string> SyncRunners, IReadOnlySet<string> MatchRunners)
{
    public static readonly HeldJobs None = new(new HashSet<long>(), new HashSet<string>(), new HashSet<string>());
}

/// <summary>
/// Reads the job store so the start-up requeue and the sweeps add only what it does not already hold. With a
/// durable store a restart keeps enqueued jobs and scheduled ones (retries with backoff, debounced runs); enqueuing
/// them again would run the work twice and cut a backoff short. Jobs shown as processing are not counted: at
/// start-up they belong to the previous process and come back only after the invisibility timeout, so their rows
/// are re-enqueued now and the late copy finds nothing left to claim.
/// </summary>
public sealed partial class JobStoreInventory(JobStorage storage, ILogger<JobStoreInventory> logger)
{
    private const int PageSize = 500;

    public HeldJobs Read()
    {
        var inboxIds = new HashSet<long>();
        var syncRunners = new HashSet<string>(StringComparer.Ordinal);
        var matchRunners = new HashSet<string>(StringComparer.Ordinal);
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
            return HeldJobs.None;
        }

        return new HeldJobs(inboxIds, syncRunners, matchRunners);

        void Add(Job? job)
        {
            if (job is null || job.Args.Count == 0)
            {
                return;
            }

            if (job.Type == typeof(ProcessGarminInboxJob) && job.Args[0] is long[] ids)
            {
                inboxIds.UnionWith(ids);
            }
            else if (job.Type == typeof(GarminSyncJob) && job.Args[0] is string syncRunner)
            {
                syncRunners.Add(syncRunner);
            }
            else if (job.Type == typeof(MatchRunJob) && job.Args[0] is string matchRunner)
            {
                matchRunners.Add(matchRunner);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the job store; every pending row is enqueued again")]
    private partial void LogReadFailed(Exception exception);
}
