using Coopah.Core.Garmin.Sync;

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

    /// <summary>Ends the intent with <paramref name="status"/>; <paramref name="reason"/> replaces the last error.</summary>
    public void Close(GarminSyncIntentStatus status, string? reason, DateTime now)
    {
        Status = status;
        LastError = reason;
        UpdatedUtc = now;
    }

    /// <summary>The run this intent took part in finished; <paramref name="error"/> is the session's failure, if any.</summary>
    public void Complete(string? error, bool failed, DateTime now)
    {
        Attempts++;
        Close(failed ? GarminSyncIntentStatus.Failed : GarminSyncIntentStatus.Done, failed ? error : null, now);
    }

    /// <summary>Attempt <paramref name="attempt"/> failed for a passing reason: stays pending until <paramref name="nextAttemptUtc"/>.</summary>
    public void ScheduleRetry(int attempt, DateTime nextAttemptUtc, string reason, DateTime now)
    {
        Attempts = attempt;
        NextAttemptUtc = nextAttemptUtc;
        Close(GarminSyncIntentStatus.Pending, reason, now);
    }

    /// <summary>The last allowed attempt failed: the intent is Failed and says how many attempts were made.</summary>
    public void GiveUp(int attempt, string reason, DateTime now)
    {
        Attempts = attempt;
        Close(GarminSyncIntentStatus.Failed, reason + " Gave up after " + attempt.ToString(System.Globalization.CultureInfo.InvariantCulture) + " attempts.", now);
    }

    /// <summary>An admin retry replaces this failed intent with a fresh runner-wide one.</summary>
    public void Supersede(DateTime now) => Close(GarminSyncIntentStatus.Skipped, "Superseded by an admin retry. " + LastError, now);
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

    /// <summary>A row for a session we have not pushed yet.</summary>
    public static GarminSessionSync For(int sessionId, string runnerId, DateTime now) =>
        new() { SessionId = sessionId, RunnerId = runnerId, State = GarminSessionSyncState.Pending, UpdatedUtc = now };

    /// <summary>The planner's view of this row.</summary>
    public HeldWorkout ToHeld() => new(SessionId, WorkoutId, ScheduleId, ScheduledDate, ContentHash, State switch
    {
        GarminSessionSyncState.Pending => HeldWorkoutState.Pending,
        GarminSessionSyncState.Synced => HeldWorkoutState.Synced,
        GarminSessionSyncState.Failed => HeldWorkoutState.Failed,
        _ => HeldWorkoutState.Removed,
    });

    /// <summary>Garmin created the workout; it has no schedule yet.</summary>
    public void WorkoutCreated(long? workoutId, long? ownerId, string contentHash)
    {
        WorkoutId = workoutId;
        OwnerId = ownerId;
        ScheduleId = null;
        ScheduledDate = null;
        ContentHash = contentHash;
        State = GarminSessionSyncState.Pending;
    }

    public void WorkoutUpdated(string contentHash) => ContentHash = contentHash;

    /// <summary>Garmin answered 404 to an update: the runner deleted the workout (and so its schedule) in Garmin Connect.</summary>
    public void WorkoutLost()
    {
        WorkoutId = null;
        ScheduleId = null;
        ScheduledDate = null;
    }

    public void Scheduled(long? scheduleId, DateOnly date)
    {
        ScheduleId = scheduleId;
        ScheduledDate = date;
    }

    /// <summary>Garmin answered 404 to a schedule update: schedule it again.</summary>
    public void ScheduleLost() => ScheduleId = null;

    public void ScheduleDeleted()
    {
        ScheduleId = null;
        ScheduledDate = null;
    }

    public void WorkoutDeleted()
    {
        WorkoutId = null;
        OwnerId = null;
        ContentHash = null;
    }

    /// <summary>Garmin holds the current content on the session's date.</summary>
    public void MarkSynced(DateTime now)
    {
        State = GarminSessionSyncState.Synced;
        SyncedAtUtc = now;
        LastError = null;
        UpdatedUtc = now;
    }

    /// <summary>We deleted the schedule and workout on Garmin.</summary>
    public void MarkRemoved(DateTime now)
    {
        State = GarminSessionSyncState.Removed;
        LastError = null;
        UpdatedUtc = now;
    }

    /// <summary>
    /// The session could not be pushed. <paramref name="refusedHash"/> (the content Garmin or the mapper refused) is
    /// remembered while no workout is held, so the same content is not tried again until it changes.
    /// </summary>
    public void Fail(string message, DateTime now, string? refusedHash = null)
    {
        State = GarminSessionSyncState.Failed;
        LastError = message;
        if (refusedHash is not null && WorkoutId is null)
        {
            ContentHash = refusedHash;
        }

        UpdatedUtc = now;
    }

    /// <summary>Garmin no longer holds anything for this session (the link went away): clear every id.</summary>
    public void Forget(string reason, DateTime now)
    {
        WorkoutId = null;
        ScheduleId = null;
        OwnerId = null;
        ScheduledDate = null;
        ContentHash = null;
        State = GarminSessionSyncState.Removed;
        LastError = reason;
        UpdatedUtc = now;
    }

    /// <summary>Records a problem without changing the state (a refused removal, a retry under way).</summary>
    public void Note(string message, DateTime now)
    {
        LastError = message;
        UpdatedUtc = now;
    }

    /// <summary>An admin retry: try again, including content that was refused.</summary>
    public void Reset(DateTime now)
    {
        State = GarminSessionSyncState.Pending;
        if (WorkoutId is null)
        {
            ContentHash = null;
        }

        UpdatedUtc = now;
    }
}
