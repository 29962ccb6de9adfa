namespace Coopah.Web.Data;

/// <summary>What a sync intent asks for; the job reconciles to the session's current state either way.</summary>
public enum GarminSyncIntentKind
{
    Create,
    Update,
    Move,
    Delete,

    /// <summary>The session left the watch without being deleted (skipped).</summary>
    Unschedule,

    /// <summary>Link made, permission regained or the horizon advanced: reconcile every session of the runner.</summary>
    Reconcile,

    /// <summary>Link removed or WORKOUT_IMPORT withdrawn: forget or remove what we pushed.</summary>
    Unlink,
}

public enum GarminSyncIntentStatus
{
    Pending,
    Done,
    Failed,

    /// <summary>Nothing to do (not linked, outside the horizon) or superseded.</summary>
    Skipped,
}

/// <summary>
/// The outbox: one row per change that may affect the watch, written in the same transaction as the change.
/// Hangfire's store is in memory, so these rows (not Hangfire) are what survives a restart.
/// </summary>
public sealed class GarminSyncIntent
{
    public long Id { get; set; }

    /// <summary>Null for runner-wide intents (<see cref="GarminSyncIntentKind.Reconcile"/>, <see cref="GarminSyncIntentKind.Unlink"/>).</summary>
    public int? SessionId { get; set; }

    public string RunnerId { get; set; } = "";

    public GarminSyncIntentKind Kind { get; set; }

    public DateOnly? TargetDate { get; set; }

    public GarminSyncIntentStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTime? NextAttemptUtc { get; set; }

    public string? LastError { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }
}

public enum GarminSessionSyncState
{
    Pending,
    Synced,
    Failed,

    /// <summary>Taken off the watch (deleted, skipped, unlinked or past); the row keeps the history.</summary>
    Removed,
}

/// <summary>
/// What Garmin holds for one session. A side table (not columns on <see cref="RunnerSession"/>) because a
/// deleted session's row is gone while its workout still has to be deleted on Garmin.
/// </summary>
public sealed class GarminSessionSync
{
    /// <summary>The <see cref="RunnerSession"/> id (no foreign key: it outlives the session).</summary>
    public int SessionId { get; set; }

    public string RunnerId { get; set; } = "";

    public long? WorkoutId { get; set; }

    public long? ScheduleId { get; set; }

    public long? OwnerId { get; set; }

    public DateOnly? ScheduledDate { get; set; }

    /// <summary>Hash of the workout JSON last pushed: an unchanged session is not PUT again.</summary>
    public string? ContentHash { get; set; }

    public GarminSessionSyncState State { get; set; }

    public DateTime? SyncedAtUtc { get; set; }

    public string? LastError { get; set; }

    public DateTime UpdatedUtc { get; set; }
}
