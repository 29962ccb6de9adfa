
namespace Coopah.Core.Garmin.Sync;

/// <summary>What the runner's Garmin link allows the sync to do.</summary>
public enum WorkoutSyncAccess
{
    /// <summary>No link, or revoked (disconnected, deregistered): Garmin dropped the workouts with it.</summary>
    NotLinked,

    /// <summary>Garmin rejected our token; the runner must reconnect.</summary>
    Broken,

    /// <summary>Linked, but the runner did not grant <see cref="GarminPermissions.WorkoutImport"/>.</summary>
    NoWorkoutImport,

    Active,
}

/// <summary>Where one session's workout stands on Garmin, as far as we know.</summary>
public enum HeldWorkoutState
{
    Pending,
    Synced,
    Failed,
    Removed,
}

/// <summary>
/// A planned session as it is now. <paramref name="OnWatch"/> is false for deleted and skipped sessions.
/// <paramref name="ContentHash"/> (or <paramref name="MappingError"/>) is only needed for sessions in the horizon.
/// </summary>
public sealed record DesiredSession(int SessionId, DateOnly Date, bool OnWatch, string? ContentHash = null, string? MappingError = null);

/// <summary>What we pushed to Garmin for one session.</summary>
public sealed record HeldWorkout(int SessionId, long? WorkoutId, long? ScheduleId, DateOnly? ScheduledDate, string? ContentHash, HeldWorkoutState State);

/// <summary>The days whose sessions belong on the watch: <paramref name="Today"/> to <paramref name="Last"/>, both included.</summary>
public readonly record struct SyncHorizon(DateOnly Today, DateOnly Last)
{
    /// <summary>Today and the next <paramref name="days"/> − 1 days (at least today).</summary>
    public static SyncHorizon Of(DateOnly today, int days) => new(today, today.AddDays(Math.Max(1, days) - 1));

    public bool Contains(DateOnly date) => date >= Today && date <= Last;

    public bool IsPast(DateOnly date) => date < Today;
}

/// <summary>The Garmin calls one <see cref="WorkoutSyncActionKind.Push"/> needs, in this order.</summary>
[Flags]
public enum PushSteps
{
    /// <summary>Everything on Garmin is current; only the sync state is behind.</summary>
    None = 0,
    CreateWorkout = 1,
    UpdateWorkout = 2,
    CreateSchedule = 4,
    UpdateSchedule = 8,
}

public enum WorkoutSyncActionKind
{
    /// <summary>Create or update the workout and put it on the session's date (<see cref="WorkoutSyncAction.Steps"/>).</summary>
    Push,

    /// <summary>Delete the schedule, then the workout.</summary>
    Remove,

    /// <summary>Garmin no longer holds the workout: clear the ids without calling Garmin.</summary>
    Forget,

    /// <summary>Mark the session failed with <see cref="WorkoutSyncAction.Message"/> without calling Garmin.</summary>
    Fail,
}

/// <summary>One thing to do for one session. <see cref="RefusedHash"/> is remembered on a failed session without a workout, so the same content is not retried.</summary>
public sealed record WorkoutSyncAction(int SessionId, WorkoutSyncActionKind Kind, PushSteps Steps = PushSteps.None, string? Message = null, string? RefusedHash = null);

/// <summary>
/// The actions of one sync run, in order. When <see cref="StopReason"/> is set nothing is sent to Garmin: the
/// actions only update our records and the pending intents close as skipped with that reason.
/// </summary>
public sealed record WorkoutSyncPlan(IReadOnlyList<WorkoutSyncAction> Actions, string? StopReason = null);

/// <summary>What to do after a retryable failure: try again after <see cref="Delay"/>, or give up when it is null.</summary>
public sealed record SyncRetry(int Attempt, TimeSpan? Delay)
{
    public bool GiveUp => Delay is null;
}

/// <summary>
/// Decides what one Garmin sync run does: the desired state (sessions in the horizon, as they are now) against what
/// Garmin holds, so superseded intents collapse and a run after a successful one does nothing. Pure: the job
/// gathers the facts, asks, and executes.
/// </summary>
public static class WorkoutSyncPlanner
{
    public const string NotLinkedMessage = "Garmin is not linked.";
    public const string AllowImportMessage = "Allow workout import for Coopah in Garmin Connect.";
    public const string ReconnectMessage = "Garmin rejected our access: reconnect Garmin.";

    /// <summary>Stored as the refused hash of a session that could not be mapped to a workout.</summary>
    public const string MappingFailedHash = "mapping";

    public static WorkoutSyncPlan Plan(WorkoutSyncAccess access, IEnumerable<DesiredSession> sessions, IEnumerable<HeldWorkout> held, SyncHorizon horizon)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(held);
        var heldBySession = held.ToDictionary(h => h.SessionId);
        switch (access)
        {
            case WorkoutSyncAccess.NotLinked:
                // Garmin dropped (or we already deleted) the workouts with the link.
                return new(
                    heldBySession.Values.Where(h => h.State != HeldWorkoutState.Removed || h.WorkoutId is not null).OrderBy(h => h.SessionId)
                        .Select(h => new WorkoutSyncAction(h.SessionId, WorkoutSyncActionKind.Forget, Message: NotLinkedMessage)).ToList(),
                    NotLinkedMessage);
            case WorkoutSyncAccess.Broken:
                // Keep the ids: after reconnecting, the Reconcile intent updates the same workouts.
                return new([], ReconnectMessage);
            case WorkoutSyncAccess.NoWorkoutImport:
                return new(Block(heldBySession.Values, AllowImportMessage), AllowImportMessage);
        }

        var desired = sessions.ToDictionary(s => s.SessionId);
        var actions = new List<WorkoutSyncAction>();
        foreach (var session in desired.Values.Where(s => s.OnWatch && horizon.Contains(s.Date)).OrderBy(s => s.Date).ThenBy(s => s.SessionId))
        {
            var row = heldBySession.GetValueOrDefault(session.SessionId);
            if (session.MappingError is not null || session.ContentHash is null)
            {
                actions.Add(new(session.SessionId, WorkoutSyncActionKind.Fail, Message: session.MappingError ?? "The session has no workout content.", RefusedHash: MappingFailedHash));
                continue;
            }

            if (row is { WorkoutId: not null, State: HeldWorkoutState.Synced } && row.ContentHash == session.ContentHash && row.ScheduledDate == session.Date)
            {
                continue;
            }

            if (row is { State: HeldWorkoutState.Failed, WorkoutId: null } && row.ContentHash == session.ContentHash && row.ScheduledDate == session.Date)
            {
                // Garmin refused this exact content: wait for an edit or an admin retry.
                continue;
            }

            actions.Add(new(session.SessionId, WorkoutSyncActionKind.Push, Steps(row, session.ContentHash, session.Date)));
        }

        foreach (var row in heldBySession.Values.Where(r => r.WorkoutId is not null).OrderBy(r => r.SessionId))
        {
            var session = desired.GetValueOrDefault(row.SessionId);
            var wanted = session is { OnWatch: true } && horizon.Contains(session.Date);

            // A session that slipped into the past stays on the watch as it was: nothing is pushed for past days.
            var past = session is { OnWatch: true } && horizon.IsPast(session.Date);
            if (!wanted && !past)
            {
                actions.Add(new(row.SessionId, WorkoutSyncActionKind.Remove));
            }
        }

        return new(actions);
    }

    /// <summary>
    /// The calls that bring <paramref name="held"/> to <paramref name="hash"/> on <paramref name="date"/>. Asked again
    /// after Garmin answers 404 to an update (the runner deleted it in Garmin Connect) and the ids were cleared.
    /// </summary>
    public static PushSteps Steps(HeldWorkout? held, string hash, DateOnly date)
    {
        if (held?.WorkoutId is null)
        {
            // A new workout has no schedule yet.
            return PushSteps.CreateWorkout | PushSteps.CreateSchedule;
        }

        var steps = held.ContentHash == hash ? PushSteps.None : PushSteps.UpdateWorkout;
        if (held.ScheduleId is null)
        {
            steps |= PushSteps.CreateSchedule;
        }
        else if (held.ScheduledDate != date)
        {
            steps |= PushSteps.UpdateSchedule;
        }

        return steps;
    }

    /// <summary>Every session still on (or headed for) the watch is marked failed with <paramref name="message"/>.</summary>
    public static IReadOnlyList<WorkoutSyncAction> Block(IEnumerable<HeldWorkout> held, string message) =>
        held.Where(h => h.State != HeldWorkoutState.Removed).OrderBy(h => h.SessionId)
            .Select(h => new WorkoutSyncAction(h.SessionId, WorkoutSyncActionKind.Fail, Message: message)).ToList();

    /// <summary>
    /// After a failed run: the next attempt number (one more than the most any pending intent has made) and its
    /// delay, or give up when the policy's attempts are spent. <paramref name="jitter"/> in [0, 1).
    /// </summary>
    public static SyncRetry Retry(GarminRetryPolicy policy, int attemptsSoFar, TimeSpan? retryAfter, double jitter)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var attempt = attemptsSoFar + 1;
        return attempt >= policy.MaxAttempts ? new(attempt, null) : new(attempt, policy.NextDelay(attempt, retryAfter, jitter));
    }
}
