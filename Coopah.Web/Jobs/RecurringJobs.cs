using Coopah.Web.Garmin.Sync;
using Coopah.Web.Garmin.Inbox;
using Coopah.Web.Garmin.Link;
using Coopah.Web.Matching;
using Hangfire;

namespace Coopah.Web.Jobs;

/// <summary>Every recurring job, registered at start-up under a stable id.</summary>
public static class RecurringJobs
{
    public const string Heartbeat = "heartbeat";
    public const string InboxSweep = "garmin-inbox-sweep";
    public const string SyncSweep = "garmin-sync-sweep";
    public const string SyncHorizon = "garmin-sync-horizon";

    public static void Register(IRecurringJobManager jobs)
    {
        jobs.AddOrUpdate<HeartbeatJob>(Heartbeat, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        // Every minute: besides lost enqueues, it frees the rows a killed instance had leased once that instance's
        // heartbeat is 30 s old, so they wait at most about a minute and a half (an instance that restarts within
        // those 30 s still sees its old self alive at start-up and cannot free them itself).
        jobs.AddOrUpdate<RequeuePendingInboxJob>(InboxSweep, j => j.RunAsync(CancellationToken.None), Cron.Minutely());

        jobs.AddOrUpdate<GarminSyncSweepJob>(SyncSweep, j => j.RunAsync(CancellationToken.None), "*/5 * * * *");
        jobs.AddOrUpdate<GarminSyncHorizonJob>(SyncHorizon, j => j.RunAsync(CancellationToken.None), Cron.Hourly(5));
        jobs.AddOrUpdate<MatchingSweepJob>(MatchingSweepJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), "*/2 * * * *");

        // Never scheduled: an admin triggers it (Integration page or dashboard) once Garmin has converted the app.
        jobs.AddOrUpdate<GarminOAuth1MigrationJob>(GarminOAuth1MigrationJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), Cron.Never());
    }
}
