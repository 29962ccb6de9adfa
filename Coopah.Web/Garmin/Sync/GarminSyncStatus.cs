using Coopah.Core.Garmin.Sync;
using System.Globalization;
using Coopah.Core.Plans.Scheduling;
using Coopah.Web.Data;
using Coopah.Web.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coopah.Web.Garmin.Sync;

public enum SessionSyncKind
{
    NotLinked,
    Pending,
    OnGarmin,
    Failed,

    /// <summary>Linked, but the session is outside the push horizon (or skipped / past).</summary>
    NotScheduled,
}

/// <summary>What the runner sees on a session chip and page; <see cref="SendsOn"/> is the day a later session enters the push horizon.</summary>
public sealed record SessionSyncView(SessionSyncKind Kind, DateTime? SinceUtc, string? Reason, DateOnly? SendsOn = null)
{
    public string Label => Kind switch
    {
        SessionSyncKind.NotLinked => "Garmin not linked",
        SessionSyncKind.Pending => "Sending to Garmin",
        SessionSyncKind.OnGarmin => "On Garmin since " + SinceUtc?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        SessionSyncKind.Failed => "Garmin sync failed: " + Reason,
        _ when SendsOn is { } day => "Goes to your Garmin on " + day.ToString("ddd d MMM", CultureInfo.InvariantCulture),
        _ => "Not sent to Garmin (past or skipped)",
    };

    /// <summary>
    /// Whether the calendar badges the session: a past or skipped session has nothing left to send, so it gets no
    /// badge rather than the "later" clock, and every badge keeps the one meaning the legend gives it.
    /// </summary>
    public bool Badged => Kind is not SessionSyncKind.NotLinked && !(Kind is SessionSyncKind.NotScheduled && SendsOn is null);
}

/// <summary>A failed intent or session for the admin overview.</summary>
public sealed record SyncFailure(string RunnerId, string? RunnerEmail, int? SessionId, string Kind, int Attempts, string? Error, DateTime UpdatedUtc);

public sealed record SyncOverview(int Pending, int Done, int Failed, int SessionsOnGarmin, IReadOnlyList<SyncFailure> Failures);

/// <summary>Read side of the sync state (runner calendar and session page, admin overview) and the admin retry.</summary>
public sealed class GarminSyncStatus(IDbContextFactory<CoopahDbContext> dbFactory, GarminSyncKicker kicker, IOptions<GarminSyncOptions> options, TimeProvider time)
{
    public async Task<IReadOnlyDictionary<int, SessionSyncView>> ForSessionsAsync(string runnerId, IEnumerable<RunnerSession> sessions, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var link = await db.GarminLinks.AsNoTracking().FirstOrDefaultAsync(l => l.UserId == runnerId, cancellationToken);
        var rows = await db.GarminSessionSyncs.AsNoTracking().Where(s => s.RunnerId == runnerId).ToDictionaryAsync(s => s.SessionId, cancellationToken);
        var pending = (await db.GarminSyncIntents.AsNoTracking()
            .Where(i => i.RunnerId == runnerId && i.Status == GarminSyncIntentStatus.Pending)
            .Select(i => i.SessionId).ToListAsync(cancellationToken)).ToHashSet();
        var zone = await db.RunnerGoals.Where(g => g.RunnerId == runnerId).Select(g => g.TimeZoneId).FirstOrDefaultAsync(cancellationToken);
        var today = LocalDate.Today(time, RunnerCalendar.FindZone(zone));
        var horizon = SyncHorizon.Of(today, options.Value.HorizonDays);
        var last = horizon.Last;
        var access = GarminLink.SyncAccess(link);
        var result = new Dictionary<int, SessionSyncView>();
        foreach (var session in sessions)
        {
            rows.TryGetValue(session.Id, out var row);
            result[session.Id] = access switch
            {
                WorkoutSyncAccess.NotLinked => new(SessionSyncKind.NotLinked, null, null),
                WorkoutSyncAccess.Broken => new(SessionSyncKind.Failed, null, WorkoutSyncPlanner.ReconnectMessage),
                WorkoutSyncAccess.NoWorkoutImport => new(SessionSyncKind.Failed, null, WorkoutSyncPlanner.AllowImportMessage),
                _ when row is { State: GarminSessionSyncState.Failed } => new(SessionSyncKind.Failed, row.UpdatedUtc, row.LastError),
                _ when pending.Contains(session.Id) || pending.Contains(null) => new(SessionSyncKind.Pending, null, row?.LastError),
                _ when row is { State: GarminSessionSyncState.Synced, WorkoutId: not null } => new(SessionSyncKind.OnGarmin, row.SyncedAtUtc, null),
                _ when !session.Skipped && horizon.Contains(session.Date) => new(SessionSyncKind.Pending, null, null),
                _ when !session.Skipped && session.Date > last => new(SessionSyncKind.NotScheduled, null, null, session.Date.AddDays(-(last.DayNumber - today.DayNumber))),
                _ => new(SessionSyncKind.NotScheduled, null, null),
            };
        }

        return result;
    }

    public async Task<SyncOverview> OverviewAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counts = await db.GarminSyncIntents.AsNoTracking().GroupBy(i => i.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var onGarmin = await db.GarminSessionSyncs.CountAsync(s => s.WorkoutId != null, cancellationToken);
        var failedIntents = await db.GarminSyncIntents.AsNoTracking().Where(i => i.Status == GarminSyncIntentStatus.Failed)
            .OrderByDescending(i => i.Id).Take(200).ToListAsync(cancellationToken);
        var failedRows = await db.GarminSessionSyncs.AsNoTracking().Where(s => s.State == GarminSessionSyncState.Failed).Take(200).ToListAsync(cancellationToken);
        var runnerIds = failedIntents.Select(i => i.RunnerId).Concat(failedRows.Select(r => r.RunnerId)).Distinct().ToList();
        var emails = await db.Users.AsNoTracking().Where(u => runnerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken);
        var failures = failedRows.Select(r => new SyncFailure(r.RunnerId, emails.GetValueOrDefault(r.RunnerId), r.SessionId, "Session", 0, r.LastError, r.UpdatedUtc))
            .Concat(failedIntents.Select(i => new SyncFailure(i.RunnerId, emails.GetValueOrDefault(i.RunnerId), i.SessionId, i.Kind.ToString(), i.Attempts, i.LastError, i.UpdatedUtc)))
            .OrderByDescending(f => f.UpdatedUtc).ToList();
        int Count(GarminSyncIntentStatus status) => counts.FirstOrDefault(c => c.Key == status)?.Count ?? 0;
        return new SyncOverview(Count(GarminSyncIntentStatus.Pending), Count(GarminSyncIntentStatus.Done), Count(GarminSyncIntentStatus.Failed), onGarmin, failures);
    }

    /// <summary>
    /// Admin retry: failed intents are closed (superseded) by one Reconcile intent, and refused content is
    /// forgotten so the job pushes it again.
    /// </summary>
    public async Task RetryAsync(string runnerId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        foreach (var intent in await db.GarminSyncIntents.Where(i => i.RunnerId == runnerId && i.Status == GarminSyncIntentStatus.Failed).ToListAsync(cancellationToken))
        {
            intent.Supersede(now);
        }

        foreach (var row in await db.GarminSessionSyncs.Where(s => s.RunnerId == runnerId && s.State == GarminSessionSyncState.Failed).ToListAsync(cancellationToken))
        {
            row.Reset(now);
        }

        GarminSyncOutbox.AddRunnerIntent(db, runnerId, GarminSyncIntentKind.Reconcile, now);
        await db.SaveChangesAsync(cancellationToken);
        kicker.Kick(runnerId);
    }
}
