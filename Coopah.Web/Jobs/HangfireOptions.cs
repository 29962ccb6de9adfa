using Coopah.Web.Data;

namespace Coopah.Web.Jobs;

/// <summary>Where Hangfire keeps its jobs.</summary>
public enum HangfireStorageKind
{
    /// <summary>Hangfire.Storage.SQLite in its own file in the data folder: scheduled work and history survive restarts.</summary>
    SQLite,

    /// <summary>Hangfire.InMemory: nothing survives a restart (tests that want speed).</summary>
    InMemory,

    /// <summary>Hangfire.PostgreSql in the app's PostgreSQL database (schema <c>hangfire</c>): one job store for every instance.</summary>
    PostgreSql,
}

/// <summary>The <c>Hangfire</c> section, validated at start-up.</summary>
public sealed class HangfireOptions
{
    public const string SectionName = "Hangfire";

    /// <summary>Unset: the store that matches <c>Database:Provider</c> (SQLite's own file, or the shared PostgreSQL database).</summary>
    public HangfireStorageKind? Storage { get; set; }

    public HangfireStorageKind StorageFor(DatabaseProvider provider) =>
        Storage ?? (provider == DatabaseProvider.Postgres ? HangfireStorageKind.PostgreSql : HangfireStorageKind.SQLite);

    /// <summary>
    /// The job store's own SQLite file; a relative path is placed in the data folder. Never the app database: the
    /// store's polling and locks must not take the write lock the webhook intake commits under.
    /// </summary>
    public string DatabaseFile { get; set; } = "hangfire.db";

    /// <summary>
    /// How often an idle worker asks the SQLite store for a job. The store has no wake-up on enqueue, so this is
    /// the wait between a webhook's commit and its processing (the storage's default of 15 s made every push wait).
    /// Each worker polls with one indexed read, so a few per second cost nothing measurable.
    /// </summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// A fetched job that has not finished within this time is handed to another worker (the SQLite store has no
    /// per-job keep-alive). Longer than any job runs: the inbox lease is 10 minutes, and a second copy of a job
    /// that still runs would find nothing left to claim anyway. After a crash, the interrupted job's rows are
    /// released and re-enqueued at start-up, so this wait never delays their processing.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Lifetime of a store lock, kept alive by its owner every fifth of it. A lock left by a killed process blocks
    /// the scheduler and the recurring-job poller until it expires, so short (the storage's default is 30 s).
    /// </summary>
    public TimeSpan DistributedLockLifetime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the server moves due scheduled jobs (debounced and retried work) to the queue.</summary>
    public int SchedulePollingIntervalSeconds { get; set; } = 15;

    public bool ServerEnabled { get; set; } = true;

    public int WorkerCount { get; set; } = Math.Max(4, Environment.ProcessorCount * 2);

    public int ShutdownTimeoutSeconds { get; set; } = 15;

    internal IEnumerable<string> Validate(DatabaseProvider provider)
    {
        var storage = StorageFor(provider);
        if (!Enum.IsDefined(storage))
        {
            yield return $"Hangfire:Storage must be SQLite, InMemory or PostgreSql, not '{storage}'.";
        }

        if (storage == HangfireStorageKind.PostgreSql && provider != DatabaseProvider.Postgres)
        {
            yield return "Hangfire:Storage=PostgreSql needs Database:Provider=Postgres (the job store lives in the app's PostgreSQL database).";
        }

        if (storage == HangfireStorageKind.SQLite && provider == DatabaseProvider.Postgres)
        {
            yield return "Hangfire:Storage=SQLite with Database:Provider=Postgres would give each instance its own job store, so "
                + "recurring jobs would run once per instance; leave Hangfire:Storage unset (PostgreSql).";
        }

        if (string.IsNullOrWhiteSpace(DatabaseFile))
        {
            yield return "Hangfire:DatabaseFile must name a file.";
        }

        if (QueuePollInterval <= TimeSpan.Zero || QueuePollInterval > TimeSpan.FromMinutes(1))
        {
            yield return "Hangfire:QueuePollInterval must be between 0 and 1 minute.";
        }

        if (InvisibilityTimeout < TimeSpan.FromMinutes(1))
        {
            yield return "Hangfire:InvisibilityTimeout must be at least 1 minute (a running job would be handed out again).";
        }

        if (DistributedLockLifetime < TimeSpan.FromSeconds(1))
        {
            yield return "Hangfire:DistributedLockLifetime must be at least 1 second.";
        }

        if (SchedulePollingIntervalSeconds < 1 || WorkerCount < 1 || ShutdownTimeoutSeconds < 0)
        {
            yield return "Hangfire:SchedulePollingIntervalSeconds and WorkerCount must be at least 1, ShutdownTimeoutSeconds at least 0.";
        }
    }
}
