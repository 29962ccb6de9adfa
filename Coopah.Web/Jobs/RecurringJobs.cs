using Hangfire;

namespace Coopah.Web.Jobs;

/// <summary>Every recurring job, registered at start-up under a stable id.</summary>
public static class RecurringJobs
{
    public const string Heartbeat = "heartbeat";
    public const string InboxSweep = "garmin-inbox-sweep";

    public static void Register(IRecurringJobManager jobs)
    {
        jobs.AddOrUpdate<HeartbeatJob>(Heartbeat, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<RequeuePendingInboxJob>(InboxSweep, j => j.RunAsync(CancellationToken.None), "*/5 * * * *");
    }
}
