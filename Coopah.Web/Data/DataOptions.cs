namespace Coopah.Web.Data;

/// <summary>Where Coopah keeps its files (SQLite database, Data Protection keys) and whether demo data is seeded.</summary>
public sealed class DataOptions
{
    public const string SectionName = "Coopah";

    /// <summary>Folder for the SQLite file and the key ring; relative paths resolve against the content root.</summary>
    public string DataDirectory { get; set; } = "App_Data";

    /// <summary>Seed demo users on first start (Development and Demo only).</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>
    /// SQLite <c>synchronous</c> for every connection (WAL mode): NORMAL keeps each commit across a process crash
    /// and syncs the WAL at checkpoints; FULL also syncs every commit against power loss. See SqlitePragmaInterceptor.
    /// </summary>
    public string SqliteSynchronous { get; set; } = "NORMAL";

    /// <summary>
    /// SQLite <c>synchronous</c> of the webhook inbox writer's connection, FULL by default: Garmin never re-sends a
    /// push we answered 200, so the row must be on the disk (WAL synced) before the answer, or a power cut or VM stop
    /// could lose it. The writer commits groups of rows, so a sync is paid per group, not per push. NORMAL trades
    /// that for throughput (a commit then survives a process crash, not a power cut).
    /// </summary>
    public string InboxSynchronous { get; set; } = "FULL";
}
