using Coopah.Core.Garmin.Sync;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Coopah.Core.Garmin;
using Coopah.Core.Garmin.Training;
using Coopah.Core.Plans.Scheduling;
using Coopah.Web.Data;
using Coopah.Web.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coopah.Web.Garmin.Sync;

/// <summary>
/// Applies a runner's pending sync intents. Rather than replaying intents one by one it reconciles: the desired
/// state (sessions in the horizon, as they are now) against what Garmin holds (<see cref="GarminSessionSync"/>),
/// so superseded intents collapse and a second run does nothing. Every Garmin call's result is saved at once,
/// so a crash never forgets a created workout.
/// </summary>
public sealed partial class GarminSyncJob(
    IDbContextFactory<CoopahDbContext> dbFactory,
    GarminTrainingClient training,
    GarminLinkTokens tokens,
    GarminCallBudget budget,
    GarminSyncKicker kicker,
    IOptions<GarminSyncOptions> options,
    TimeProvider time,
    ILogger<GarminSyncJob> logger)
{
    public const string AllowImportMessage = WorkoutSyncPlanner.AllowImportMessage;
    public const string ReconnectMessage = WorkoutSyncPlanner.ReconnectMessage;

    [Hangfire.AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(string runnerId, CancellationToken cancellationToken)
    {
        kicker.Started(runnerId);
        await using var held = await kicker.LockAsync(runnerId, cancellationToken);
        try
        {
            await ReconcileAsync(runnerId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Anything unexpected (a database error, a bug) counts as an attempt too, so nothing loops forever.
            LogUnexpected(runnerId, ex);
            await RecordUnexpectedAsync(runnerId, ex);
        }
    }

    /// <summary>Best effort before a disconnect: deletes every workout we pushed while the tokens still work.</summary>
    public async Task RemoveAllAsync(string runnerId, int linkId, CancellationToken cancellationToken)
    {
        await using var held = await kicker.LockAsync(runnerId, cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var rows = await db.GarminSessionSyncs.Where(s => s.RunnerId == runnerId && s.WorkoutId != null).ToListAsync(cancellationToken);
            var credentials = await tokens.GetCredentialsAsync(linkId, cancellationToken);
            foreach (var row in rows)
            {
                if (!await RemoveAsync(credentials, row, cancellationToken))
                {
                    return;
                }

                row.MarkRemoved(time.GetUtcNow().UtcDateTime);
                await db.SaveChangesAsync(CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is GarminApiException or GarminLinkUnavailableException)
        {
            LogRemoveAllFailed(runnerId, ex.Message);
        }
    }

    private async Task ReconcileAsync(string runnerId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = now.AddSeconds(1);
        var intents = await db.GarminSyncIntents
            .Where(i => i.RunnerId == runnerId && i.Status == GarminSyncIntentStatus.Pending && (i.NextAttemptUtc == null || i.NextAttemptUtc <= due))
            .OrderBy(i => i.Id).ToListAsync(cancellationToken);
        if (intents.Count == 0)
        {
            return;
        }

        var link = await db.GarminLinks.AsNoTracking().FirstOrDefaultAsync(l => l.UserId == runnerId, cancellationToken);
        var rows = await db.GarminSessionSyncs.Where(s => s.RunnerId == runnerId).ToDictionaryAsync(s => s.SessionId, cancellationToken);
        var run = new Run(db, runnerId, intents, rows);
        var access = GarminLink.SyncAccess(link);
        if (access != WorkoutSyncAccess.Active)
        {
            var stop = WorkoutSyncPlanner.Plan(access, [], rows.Values.Select(r => r.ToHeld()).ToList(), default);
            Apply(run, stop.Actions, now);
            Close(intents, GarminSyncIntentStatus.Skipped, stop.StopReason, now);
            await db.SaveChangesAsync(CancellationToken.None);
            return;
        }

        var goal = await db.RunnerGoals.AsNoTracking().FirstOrDefaultAsync(g => g.RunnerId == runnerId, cancellationToken);
        var paces = SessionFitExport.Paces(goal);
        var horizon = SyncHorizon.Of(LocalDate.Today(time, RunnerCalendar.FindZone(goal?.TimeZoneId)), options.Value.HorizonDays);
        var sessions = await db.RunnerSessions.AsNoTracking().Where(s => s.RunnerId == runnerId).ToDictionaryAsync(s => s.Id, cancellationToken);

        // Only sessions in the horizon are mapped: the others are never pushed.
        var workouts = new Dictionary<int, (GarminWorkout Workout, string Hash)>();
        var desired = new List<DesiredSession>();
        foreach (var session in sessions.Values)
        {
            var onWatch = session is { Deleted: false, Skipped: false };
            if (!onWatch || !horizon.Contains(session.Date))
            {
                desired.Add(new(session.Id, session.Date, onWatch));
                continue;
            }

            try
            {
                var workout = SessionWorkoutMapper.Map(SessionWorkoutMapper.SessionCode(session.Id), session.Name, Describe(session), session.Steps, paces);
                var hash = Hash(workout);
                workouts[session.Id] = (workout, hash);
                desired.Add(new(session.Id, session.Date, onWatch, hash));
            }
            catch (GarminWorkoutMappingException ex)
            {
                desired.Add(new(session.Id, session.Date, onWatch, MappingError: ex.Message));
            }
        }

        var plan = WorkoutSyncPlanner.Plan(access, desired, rows.Values.Select(r => r.ToHeld()).ToList(), horizon);
        GarminCredentials? credentials = null;
        foreach (var action in plan.Actions)
        {
            if (action.Kind is WorkoutSyncActionKind.Fail or WorkoutSyncActionKind.Forget)
            {
                Apply(run, [action], now);
                await db.SaveChangesAsync(CancellationToken.None);
                continue;
            }

            var session = action.Kind == WorkoutSyncActionKind.Push ? sessions[action.SessionId] : null;
            try
            {
                credentials ??= await tokens.GetCredentialsAsync(link!.Id, cancellationToken);
                var row = session is null ? rows[action.SessionId] : Ensure(run, session.Id, now);
                var finished = session is null
                    ? await RemoveAsync(credentials, row, cancellationToken, runnerId)
                    : await PushAsync(credentials, row, session, workouts[session.Id], action.Steps, cancellationToken, runnerId);
                if (!finished)
                {
                    // The call budget ran out: the kicker runs us again when it refills; the intents stay pending.
                    await db.SaveChangesAsync(CancellationToken.None);
                    return;
                }

                if (session is null)
                {
                    row.MarkRemoved(time.GetUtcNow().UtcDateTime);
                }

                await db.SaveChangesAsync(CancellationToken.None);
            }
            catch (Exception ex) when (ex is GarminApiException or GarminLinkUnavailableException)
            {
                if (!await HandleFailureAsync(run, link!.Id, action.SessionId, session is null ? null : workouts[session.Id].Hash, ex, now, cancellationToken))
                {
                    return;
                }
            }
        }

        var completedAt = time.GetUtcNow().UtcDateTime;
        foreach (var intent in intents)
        {
            var failed = intent.SessionId is { } id && run.FailedSessions.Contains(id);
            intent.Complete(failed ? rows.GetValueOrDefault(intent.SessionId!.Value)?.LastError : null, failed, completedAt);
        }

        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>
    /// The one place a failed Garmin call turns into bookkeeping. True when the run carries on with the next
    /// session (Garmin refused this one); false when the run is over.
    /// </summary>
    /// <remarks>A pushed session gets its row even when the failure came before the first call; a removed one has it.</remarks>
    private async Task<bool> HandleFailureAsync(Run run, int linkId, int sessionId, string? pushedHash, Exception exception, DateTime now, CancellationToken cancellationToken)
    {
        GarminSessionSync Row() => pushedHash is not null ? Ensure(run, sessionId, now) : run.Rows[sessionId];
        switch (exception)
        {
            case GarminLinkUnavailableException:
                Close(run.Intents, GarminSyncIntentStatus.Skipped, WorkoutSyncPlanner.NotLinkedMessage, now);
                break;
            case GarminApiException { IsRetryable: true } ex:
                await run.Db.SaveChangesAsync(CancellationToken.None);
                RetryLater(run.RunnerId, run.Intents, Row(), "Garmin is unavailable (" + (ex.StatusCode is { } s ? ((int)s).ToString(CultureInfo.InvariantCulture) : "no response") + ").", ex.RetryAfter);
                break;
            case GarminApiException { IsAuthBroken: true }:
                var tracked = await run.Db.GarminLinks.SingleAsync(l => l.Id == linkId, cancellationToken);
                tracked.Break(WorkoutSyncPlanner.ReconnectMessage);
                Block(run, WorkoutSyncPlanner.ReconnectMessage, now);
                LogAuthBroken(run.RunnerId);
                break;
            case GarminApiException { NeedsWorkoutImportPermission: true }:
                _ = Row();
                Block(run, WorkoutSyncPlanner.AllowImportMessage, now);
                break;
            case GarminApiException ex:
                // 400 and the rest: Garmin's message goes on the session; the other sessions carry on.
                var message = ex.GarminMessage ?? ex.Message;
                var row = Row();
                if (pushedHash is not null)
                {
                    row.Fail("Garmin refused the workout: " + message, now, pushedHash);
                }
                else
                {
                    row.Note("Garmin refused the removal: " + message, now);
                }

                run.FailedSessions.Add(sessionId);
                await run.Db.SaveChangesAsync(CancellationToken.None);
                return true;
        }

        await run.Db.SaveChangesAsync(CancellationToken.None);
        return false;
    }

    /// <summary>Garmin will not take anything from this runner until they act: every session and intent fails with the reason.</summary>
    private static void Block(Run run, string reason, DateTime now)
    {
        Apply(run, WorkoutSyncPlanner.Block(run.Rows.Values.Select(r => r.ToHeld()).ToList(), reason), now);
        Close(run.Intents, GarminSyncIntentStatus.Failed, reason, now);
    }

    /// <summary>Applies the actions that only touch our records (<see cref="WorkoutSyncActionKind.Fail"/>, <see cref="WorkoutSyncActionKind.Forget"/>).</summary>
    private static void Apply(Run run, IEnumerable<WorkoutSyncAction> actions, DateTime now)
    {
        foreach (var action in actions)
        {
            var row = Ensure(run, action.SessionId, now);
            if (action.Kind == WorkoutSyncActionKind.Forget)
            {
                row.Forget(action.Message ?? WorkoutSyncPlanner.NotLinkedMessage, now);
            }
            else
            {
                row.Fail(action.Message ?? "", now, action.RefusedHash);
                if (action.RefusedHash is not null)
                {
                    run.FailedSessions.Add(action.SessionId);
                }
            }
        }
    }

    /// <summary>Runs the planned calls for one session. False when the call budget ran out.</summary>
    private async Task<bool> PushAsync(GarminCredentials credentials, GarminSessionSync row, RunnerSession session, (GarminWorkout Workout, string Hash) content, PushSteps steps, CancellationToken cancellationToken, string runnerId)
    {
        var (workout, hash) = content;
        if (steps.HasFlag(PushSteps.CreateWorkout))
        {
            if (!await TakeAsync(runnerId, cancellationToken))
            {
                return false;
            }

            var created = await training.CreateWorkoutAsync(credentials, workout, cancellationToken);
            row.WorkoutCreated(created.WorkoutId, created.OwnerId, hash);
        }
        else if (steps.HasFlag(PushSteps.UpdateWorkout))
        {
            if (!await TakeAsync(runnerId, cancellationToken))
            {
                return false;
            }

            try
            {
                await training.UpdateWorkoutAsync(credentials, workout with { WorkoutId = row.WorkoutId, OwnerId = row.OwnerId }, cancellationToken);
                row.WorkoutUpdated(hash);
            }
            catch (GarminApiException ex) when (ex.IsNotFound)
            {
                // Deleted by the runner in Garmin Connect: start again with a new workout and schedule.
                row.WorkoutLost();
                return await PushAsync(credentials, row, session, content, WorkoutSyncPlanner.Steps(row.ToHeld(), hash, session.Date), cancellationToken, runnerId);
            }
        }

        if (steps.HasFlag(PushSteps.CreateSchedule))
        {
            if (!await TakeAsync(runnerId, cancellationToken))
            {
                return false;
            }

            var schedule = await training.CreateScheduleAsync(credentials, row.WorkoutId!.Value, session.Date, cancellationToken);
            row.Scheduled(schedule.ScheduleId, session.Date);
        }
        else if (steps.HasFlag(PushSteps.UpdateSchedule))
        {
            if (!await TakeAsync(runnerId, cancellationToken))
            {
                return false;
            }

            try
            {
                await training.UpdateScheduleAsync(credentials, new GarminWorkoutSchedule { ScheduleId = row.ScheduleId, WorkoutId = row.WorkoutId!.Value, Date = session.Date }, cancellationToken);
                row.Scheduled(row.ScheduleId, session.Date);
            }
            catch (GarminApiException ex) when (ex.IsNotFound)
            {
                row.ScheduleLost();
                return await PushAsync(credentials, row, session, content, WorkoutSyncPlanner.Steps(row.ToHeld(), hash, session.Date), cancellationToken, runnerId);
            }
        }

        row.MarkSynced(time.GetUtcNow().UtcDateTime);
        return true;
    }

    /// <summary>Delete the schedule, then the workout (404 counts as gone). False when the call budget ran out.</summary>
    private async Task<bool> RemoveAsync(GarminCredentials credentials, GarminSessionSync row, CancellationToken cancellationToken, string? runnerId = null)
    {
        if (row.ScheduleId is { } scheduleId)
        {
            if (!await TakeAsync(runnerId, cancellationToken))
            {
                return false;
            }

            try
            {
                await training.DeleteScheduleAsync(credentials, scheduleId, cancellationToken);
            }
            catch (GarminApiException ex) when (ex.IsNotFound)
            {
            }

            row.ScheduleDeleted();
        }

        if (row.WorkoutId is { } workoutId)
        {
            if (!await TakeAsync(runnerId, cancellationToken))
            {
                return false;
            }

            try
            {
                await training.DeleteWorkoutAsync(credentials, workoutId, cancellationToken);
            }
            catch (GarminApiException ex) when (ex.IsNotFound)
            {
            }

            row.WorkoutDeleted();
        }

        return true;
    }

    /// <summary>Takes a call from the partner budget; when empty, schedules this runner's job for when a token is back.</summary>
    private async Task<bool> TakeAsync(string? runnerId, CancellationToken cancellationToken)
    {
        if (await budget.TryTakeAsync(cancellationToken) is not { } wait)
        {
            return true;
        }

        if (runnerId is not null)
        {
            kicker.KickAfter(runnerId, wait + TimeSpan.FromMilliseconds(50));
        }

        return false;
    }

    /// <summary>
    /// The one retry bookkeeping for a failed run (a retryable Garmin answer or an unexpected error): every pending
    /// intent gets the next attempt and delay, or fails when the attempts are spent. The caller saves.
    /// </summary>
    private void RetryLater(string runnerId, List<GarminSyncIntent> intents, GarminSessionSync? row, string reason, TimeSpan? retryAfter)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var retry = WorkoutSyncPlanner.Retry(options.Value.RetryPolicy, intents.Max(i => i.Attempts), retryAfter, Random.Shared.NextDouble());
        if (retry.Delay is not { } delay)
        {
            foreach (var intent in intents)
            {
                intent.GiveUp(retry.Attempt, reason, now);
            }

            row?.Fail(reason, now);
            return;
        }

        foreach (var intent in intents)
        {
            intent.ScheduleRetry(retry.Attempt, now + delay, reason, now);
        }

        row?.Note(reason + " Retrying.", now);
        LogRetry(runnerId, retry.Attempt, delay);
        kicker.KickAfter(runnerId, delay);
    }

    private async Task RecordUnexpectedAsync(string runnerId, Exception ex)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var intents = await db.GarminSyncIntents.Where(i => i.RunnerId == runnerId && i.Status == GarminSyncIntentStatus.Pending).ToListAsync(CancellationToken.None);
        if (intents.Count == 0)
        {
            return;
        }

        RetryLater(runnerId, intents, null, "Unexpected error: " + ex.Message, null);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private static GarminSessionSync Ensure(Run run, int sessionId, DateTime now)
    {
        if (!run.Rows.TryGetValue(sessionId, out var row))
        {
            row = GarminSessionSync.For(sessionId, run.RunnerId, now);
            run.Db.GarminSessionSyncs.Add(row);
            run.Rows[sessionId] = row;
        }

        return row;
    }

    private static void Close(IEnumerable<GarminSyncIntent> intents, GarminSyncIntentStatus status, string? reason, DateTime now)
    {
        foreach (var intent in intents)
        {
            intent.Close(status, reason, now);
        }
    }

    /// <summary>The plan notation (zones by name) tells the runner the session's intent on the watch and in Connect.</summary>
    private static string Describe(RunnerSession session) => session.Kind.ToString() + ": " + Coopah.Core.Plans.StepNotation.Format(session.Steps);

    private static string Hash(GarminWorkout workout) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(workout, GarminJsonContext.Default.GarminWorkout))));

    /// <summary>What one run works on; the failed set decides which session intents end Failed.</summary>
    private sealed record Run(CoopahDbContext Db, string RunnerId, List<GarminSyncIntent> Intents, Dictionary<int, GarminSessionSync> Rows)
    {
        public HashSet<int> FailedSessions { get; } = [];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Garmin sync for {RunnerId}: retry {Attempt} in {Delay}")]
    private partial void LogRetry(string runnerId, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Garmin sync for {RunnerId} failed unexpectedly")]
    private partial void LogUnexpected(string runnerId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Garmin sync for {RunnerId}: link broken (401/403)")]
    private partial void LogAuthBroken(string runnerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Garmin sync: removing workouts of {RunnerId} before disconnect failed: {Reason}")]
    private partial void LogRemoveAllFailed(string runnerId, string reason);
}
