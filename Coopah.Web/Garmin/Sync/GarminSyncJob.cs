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
    GarminClient garmin,
    GarminLinkTokens tokens,
    GarminCallBudget budget,
    GarminSyncKicker kicker,
    IOptions<GarminSyncOptions> options,
    TimeProvider time,
    ILogger<GarminSyncJob> logger)
{
    public const string WorkoutImport = "WORKOUT_IMPORT";
    public const string AllowImportMessage = "Allow workout import for Coopah in Garmin Connect.";
    public const string ReconnectMessage = "Garmin rejected our access: reconnect Garmin.";

    [Hangfire.AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(string runnerId, CancellationToken cancellationToken)
    {
        kicker.Started(runnerId);
        var gate = kicker.LockFor(runnerId);
        await gate.WaitAsync(cancellationToken);
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
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Best effort before a disconnect: deletes every workout we pushed while the tokens still work.</summary>
    public async Task RemoveAllAsync(string runnerId, int linkId, CancellationToken cancellationToken)
    {
        var gate = kicker.LockFor(runnerId);
        await gate.WaitAsync(cancellationToken);
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

                row.State = GarminSessionSyncState.Removed;
                row.UpdatedUtc = time.GetUtcNow().UtcDateTime;
                await db.SaveChangesAsync(CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is GarminApiException or GarminLinkUnavailableException)
        {
            LogRemoveAllFailed(runnerId, ex.Message);
        }
        finally
        {
            gate.Release();
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
        if (link is null || link.Status == GarminLinkStatus.Revoked)
        {
            // Deregistered or disconnected: Garmin dropped (or we already deleted) the workouts with the link.
            foreach (var row in rows.Values.Where(r => r.State != GarminSessionSyncState.Removed || r.WorkoutId != null))
            {
                Forget(row, now, "Garmin is not linked.");
            }

            Close(intents, GarminSyncIntentStatus.Skipped, "Garmin is not linked.", now);
            await db.SaveChangesAsync(CancellationToken.None);
            return;
        }

        if (link.Status == GarminLinkStatus.Broken)
        {
            // Keep the ids: after reconnecting, the Reconcile intent updates the same workouts.
            Close(intents, GarminSyncIntentStatus.Skipped, ReconnectMessage, now);
            await db.SaveChangesAsync(CancellationToken.None);
            return;
        }

        if (!link.HasPermission(WorkoutImport))
        {
            MarkAll(rows.Values, AllowImportMessage, now);
            Close(intents, GarminSyncIntentStatus.Skipped, AllowImportMessage, now);
            await db.SaveChangesAsync(CancellationToken.None);
            return;
        }

        var goal = await db.RunnerGoals.AsNoTracking().FirstOrDefaultAsync(g => g.RunnerId == runnerId, cancellationToken);
        var paces = SessionFitExport.Paces(goal);
        var today = LocalDate.Today(time, RunnerCalendar.FindZone(goal?.TimeZoneId));
        var last = today.AddDays(Math.Max(1, options.Value.HorizonDays) - 1);
        var sessions = await db.RunnerSessions.AsNoTracking().Where(s => s.RunnerId == runnerId).ToDictionaryAsync(s => s.Id, cancellationToken);

        var work = new List<(int SessionId, RunnerSession? Session)>();
        foreach (var session in sessions.Values.Where(s => !s.Deleted && !s.Skipped && s.Date >= today && s.Date <= last).OrderBy(s => s.Date).ThenBy(s => s.Id))
        {
            work.Add((session.Id, session));
        }

        foreach (var row in rows.Values.Where(r => r.WorkoutId != null).OrderBy(r => r.SessionId))
        {
            var session = sessions.GetValueOrDefault(row.SessionId);
            var wanted = session is { Deleted: false, Skipped: false } && session.Date >= today && session.Date <= last;
            // A session that slipped into the past stays on the watch as it was: nothing is pushed for past days.
            var past = session is { Deleted: false, Skipped: false } && session.Date < today;
            if (!wanted && !past)
            {
                work.Add((row.SessionId, null));
            }
        }

        GarminCredentials? credentials = null;
        var failedSessions = new HashSet<int>();
        foreach (var (sessionId, session) in work)
        {
            rows.TryGetValue(sessionId, out var row);
            GarminWorkout? workout = null;
            string? hash = null;
            if (session is not null)
            {
                try
                {
                    workout = SessionWorkoutMapper.Map(SessionWorkoutMapper.SessionCode(session.Id), session.Name, Describe(session), session.Steps, paces);
                    hash = Hash(workout);
                }
                catch (GarminWorkoutMappingException ex)
                {
                    row = Ensure(db, rows, session, now);
                    Fail(row, ex.Message, hash: "mapping", now);
                    failedSessions.Add(sessionId);
                    await db.SaveChangesAsync(CancellationToken.None);
                    continue;
                }

                if (row is { WorkoutId: not null, State: GarminSessionSyncState.Synced } && row.ContentHash == hash && row.ScheduledDate == session.Date)
                {
                    continue;
                }

                if (row is { State: GarminSessionSyncState.Failed, WorkoutId: null } && row.ContentHash == hash && row.ScheduledDate == session.Date)
                {
                    // Garmin refused this exact content: wait for an edit or an admin retry.
                    continue;
                }
            }

            try
            {
                credentials ??= await tokens.GetCredentialsAsync(link.Id, cancellationToken);
                if (session is null)
                {
                    if (!await RemoveAsync(credentials, row!, cancellationToken, runnerId))
                    {
                        await db.SaveChangesAsync(CancellationToken.None);
                        return;
                    }

                    row!.State = GarminSessionSyncState.Removed;
                    row.LastError = null;
                    row.UpdatedUtc = time.GetUtcNow().UtcDateTime;
                }
                else
                {
                    row = Ensure(db, rows, session, now);
                    if (!await PushAsync(credentials, row, session, workout!, hash!, cancellationToken, runnerId))
                    {
                        await db.SaveChangesAsync(CancellationToken.None);
                        return;
                    }
                }

                await db.SaveChangesAsync(CancellationToken.None);
            }
            catch (GarminLinkUnavailableException)
            {
                Close(intents, GarminSyncIntentStatus.Skipped, "Garmin is not linked.", now);
                await db.SaveChangesAsync(CancellationToken.None);
                return;
            }
            catch (GarminApiException ex) when (ex.IsRetryable)
            {
                await db.SaveChangesAsync(CancellationToken.None);
                await RetryLaterAsync(db, runnerId, intents, session is null ? row : Ensure(db, rows, session, now), ex, cancellationToken);
                return;
            }
            catch (GarminApiException ex) when (ex.IsAuthBroken)
            {
                var tracked = await db.GarminLinks.SingleAsync(l => l.Id == link.Id, cancellationToken);
                tracked.Status = GarminLinkStatus.Broken;
                tracked.StatusReason = ReconnectMessage;
                MarkAll(rows.Values, ReconnectMessage, now);
                Close(intents, GarminSyncIntentStatus.Failed, ReconnectMessage, now);
                await db.SaveChangesAsync(CancellationToken.None);
                LogAuthBroken(runnerId);
                return;
            }
            catch (GarminApiException ex) when (ex.NeedsWorkoutImportPermission)
            {
                if (session is not null)
                {
                    Ensure(db, rows, session, now);
                }

                MarkAll(rows.Values, AllowImportMessage, now);
                Close(intents, GarminSyncIntentStatus.Failed, AllowImportMessage, now);
                await db.SaveChangesAsync(CancellationToken.None);
                return;
            }
            catch (GarminApiException ex)
            {
                // 400 and the rest: Garmin's message goes on the session; the other sessions carry on.
                var message = ex.GarminMessage ?? ex.Message;
                if (session is not null)
                {
                    row = Ensure(db, rows, session, now);
                    Fail(row, "Garmin refused the workout: " + message, hash, now);
                }
                else if (row is not null)
                {
                    row.LastError = "Garmin refused the removal: " + message;
                    row.UpdatedUtc = now;
                }

                failedSessions.Add(sessionId);
                await db.SaveChangesAsync(CancellationToken.None);
            }
        }

        foreach (var intent in intents)
        {
            var failed = intent.SessionId is { } id && failedSessions.Contains(id);
            intent.Status = failed ? GarminSyncIntentStatus.Failed : GarminSyncIntentStatus.Done;
            intent.LastError = failed ? rows.GetValueOrDefault(intent.SessionId!.Value)?.LastError : null;
            intent.Attempts++;
            intent.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        }

        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>Create or update the workout and put it on the session's date. False when the call budget ran out.</summary>
    private async Task<bool> PushAsync(GarminCredentials credentials, GarminSessionSync row, RunnerSession session, GarminWorkout workout, string hash, CancellationToken cancellationToken, string runnerId)
    {
        if (row.WorkoutId is null)
        {
            if (!Take(runnerId))
            {
                return false;
            }

            var created = await garmin.CreateWorkoutAsync(credentials, workout, cancellationToken);
            row.WorkoutId = created.WorkoutId;
            row.OwnerId = created.OwnerId;
            row.ScheduleId = null;
            row.ScheduledDate = null;
            row.ContentHash = hash;
            row.State = GarminSessionSyncState.Pending;
        }
        else if (row.ContentHash != hash)
        {
            if (!Take(runnerId))
            {
                return false;
            }

            try
            {
                await garmin.UpdateWorkoutAsync(credentials, workout with { WorkoutId = row.WorkoutId, OwnerId = row.OwnerId }, cancellationToken);
                row.ContentHash = hash;
            }
            catch (GarminApiException ex) when (ex.IsNotFound)
            {
                // Deleted by the runner in Garmin Connect: start again with a new workout and schedule.
                row.WorkoutId = null;
                row.ScheduleId = null;
                row.ScheduledDate = null;
                return await PushAsync(credentials, row, session, workout, hash, cancellationToken, runnerId);
            }
        }

        if (row.ScheduleId is null)
        {
            if (!Take(runnerId))
            {
                return false;
            }

            var schedule = await garmin.CreateScheduleAsync(credentials, row.WorkoutId!.Value, session.Date, cancellationToken);
            row.ScheduleId = schedule.ScheduleId;
            row.ScheduledDate = session.Date;
        }
        else if (row.ScheduledDate != session.Date)
        {
            if (!Take(runnerId))
            {
                return false;
            }

            try
            {
                await garmin.UpdateScheduleAsync(credentials, new GarminWorkoutSchedule { ScheduleId = row.ScheduleId, WorkoutId = row.WorkoutId!.Value, Date = session.Date }, cancellationToken);
                row.ScheduledDate = session.Date;
            }
            catch (GarminApiException ex) when (ex.IsNotFound)
            {
                row.ScheduleId = null;
                return await PushAsync(credentials, row, session, workout, hash, cancellationToken, runnerId);
            }
        }

        row.State = GarminSessionSyncState.Synced;
        row.SyncedAtUtc = time.GetUtcNow().UtcDateTime;
        row.LastError = null;
        row.UpdatedUtc = row.SyncedAtUtc.Value;
        return true;
    }

    /// <summary>Delete the schedule, then the workout (404 counts as gone). False when the call budget ran out.</summary>
    private async Task<bool> RemoveAsync(GarminCredentials credentials, GarminSessionSync row, CancellationToken cancellationToken, string? runnerId = null)
    {
        if (row.ScheduleId is { } scheduleId)
        {
            if (!Take(runnerId))
            {
                return false;
            }

            try
            {
                await garmin.DeleteScheduleAsync(credentials, scheduleId, cancellationToken);
            }
            catch (GarminApiException ex) when (ex.IsNotFound)
            {
            }

            row.ScheduleId = null;
            row.ScheduledDate = null;
        }

        if (row.WorkoutId is { } workoutId)
        {
            if (!Take(runnerId))
            {
                return false;
            }

            try
            {
                await garmin.DeleteWorkoutAsync(credentials, workoutId, cancellationToken);
            }
            catch (GarminApiException ex) when (ex.IsNotFound)
            {
            }

            row.WorkoutId = null;
            row.OwnerId = null;
            row.ContentHash = null;
        }

        return true;
    }

    /// <summary>Takes a call from the partner budget; when empty, schedules this runner's job for when a token is back.</summary>
    private bool Take(string? runnerId)
    {
        if (budget.TryTake(out var wait))
        {
            return true;
        }

        if (runnerId is not null)
        {
            kicker.KickAfter(runnerId, wait + TimeSpan.FromMilliseconds(50));
        }

        return false;
    }

    private async Task RetryLaterAsync(CoopahDbContext db, string runnerId, List<GarminSyncIntent> intents, GarminSessionSync? row, GarminApiException ex, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var policy = options.Value.RetryPolicy;
        var attempt = intents.Max(i => i.Attempts) + 1;
        var reason = "Garmin is unavailable (" + (ex.StatusCode is { } s ? ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture) : "no response") + ").";
        if (attempt >= policy.MaxAttempts)
        {
            foreach (var intent in intents)
            {
                intent.Attempts = attempt;
            }

            Close(intents, GarminSyncIntentStatus.Failed, reason + " Gave up after " + attempt.ToString(System.Globalization.CultureInfo.InvariantCulture) + " attempts.", now);
            if (row is not null)
            {
                row.State = GarminSessionSyncState.Failed;
                row.LastError = reason;
                row.UpdatedUtc = now;
            }

            await db.SaveChangesAsync(CancellationToken.None);
            return;
        }

        var delay = policy.NextDelay(attempt, ex.RetryAfter, Random.Shared.NextDouble());
        foreach (var intent in intents)
        {
            intent.Attempts = attempt;
            intent.NextAttemptUtc = now + delay;
            intent.LastError = reason;
            intent.UpdatedUtc = now;
        }

        if (row is not null)
        {
            row.LastError = reason + " Retrying.";
            row.UpdatedUtc = now;
        }

        await db.SaveChangesAsync(CancellationToken.None);
        LogRetry(runnerId, attempt, delay);
        kicker.KickAfter(runnerId, delay);
        _ = cancellationToken;
    }

    private async Task RecordUnexpectedAsync(string runnerId, Exception ex)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var policy = options.Value.RetryPolicy;
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var intents = await db.GarminSyncIntents.Where(i => i.RunnerId == runnerId && i.Status == GarminSyncIntentStatus.Pending).ToListAsync(CancellationToken.None);
        if (intents.Count == 0)
        {
            return;
        }

        var attempt = intents.Max(i => i.Attempts) + 1;
        var delay = policy.NextDelay(attempt, null, Random.Shared.NextDouble());
        foreach (var intent in intents)
        {
            intent.Attempts = attempt;
            intent.LastError = "Unexpected error: " + ex.Message;
            intent.NextAttemptUtc = now + delay;
            intent.Status = attempt >= policy.MaxAttempts ? GarminSyncIntentStatus.Failed : GarminSyncIntentStatus.Pending;
            intent.UpdatedUtc = now;
        }

        await db.SaveChangesAsync(CancellationToken.None);
        if (attempt < policy.MaxAttempts)
        {
            kicker.KickAfter(runnerId, delay);
        }
    }

    private static GarminSessionSync Ensure(CoopahDbContext db, Dictionary<int, GarminSessionSync> rows, RunnerSession session, DateTime now)
    {
        if (!rows.TryGetValue(session.Id, out var row))
        {
            row = new GarminSessionSync { SessionId = session.Id, RunnerId = session.RunnerId, State = GarminSessionSyncState.Pending, UpdatedUtc = now };
            db.GarminSessionSyncs.Add(row);
            rows[session.Id] = row;
        }

        return row;
    }

    private static void Fail(GarminSessionSync row, string message, string? hash, DateTime now)
    {
        row.State = GarminSessionSyncState.Failed;
        row.LastError = message;
        if (row.WorkoutId is null)
        {
            row.ContentHash = hash;
        }

        row.UpdatedUtc = now;
    }

    private static void Forget(GarminSessionSync row, DateTime now, string reason)
    {
        row.WorkoutId = null;
        row.ScheduleId = null;
        row.OwnerId = null;
        row.ScheduledDate = null;
        row.ContentHash = null;
        row.State = GarminSessionSyncState.Removed;
        row.LastError = reason;
        row.UpdatedUtc = now;
    }

    private static void MarkAll(IEnumerable<GarminSessionSync> rows, string message, DateTime now)
    {
        foreach (var row in rows.Where(r => r.State != GarminSessionSyncState.Removed))
        {
            row.State = GarminSessionSyncState.Failed;
            row.LastError = message;
            row.UpdatedUtc = now;
        }
    }

    private static void Close(IEnumerable<GarminSyncIntent> intents, GarminSyncIntentStatus status, string? reason, DateTime now)
    {
        foreach (var intent in intents)
        {
            intent.Status = status;
            intent.LastError = reason;
            intent.UpdatedUtc = now;
        }
    }

    /// <summary>The plan notation (zones by name) tells the runner the session's intent on the watch and in Connect.</summary>
    private static string Describe(RunnerSession session) => session.Kind.ToString() + ": " + Coopah.Core.Plans.StepNotation.Format(session.Steps);

    private static string Hash(GarminWorkout workout) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(workout, GarminJsonContext.Default.GarminWorkout))));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Garmin sync for {RunnerId}: retry {Attempt} in {Delay}")]
    private partial void LogRetry(string runnerId, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Garmin sync for {RunnerId} failed unexpectedly")]
    private partial void LogUnexpected(string runnerId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Garmin sync for {RunnerId}: link broken (401/403)")]
    private partial void LogAuthBroken(string runnerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Garmin sync: removing workouts of {RunnerId} before disconnect failed: {Reason}")]
    private partial void LogRemoveAllFailed(string runnerId, string reason);
}
