using Coopah.Core.Plans;
using Coopah.Core.Plans.Scheduling;
using Coopah.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Coopah.Web.Plans;

/// <summary>What the runner entered in the goal wizard.</summary>
public sealed record GoalInput
{
    public required GoalDistance Goal { get; init; }

    /// <summary>The plan to follow; null picks the first active plan for the goal distance.</summary>
    public int? PlanId { get; init; }

    public DateOnly? GoalDate { get; init; }

    public int? Weeks { get; init; }

    public required IReadOnlyCollection<DayOfWeek> RunDays { get; init; }

    public required DayOfWeek LongRunDay { get; init; }

    public required PaceSource PaceSource { get; init; }

    /// <summary>The recent race distance (ignored for <see cref="PaceSource.GoalTime"/>, which uses the goal distance).</summary>
    public double RaceDistanceMetres { get; init; }

    /// <summary>The race time, or the goal time.</summary>
    public required int TimeSeconds { get; init; }

    public string? TimeZoneId { get; init; }
}

/// <summary>A re-plan worked out but not saved: what the confirmation dialog shows.</summary>
/// <summary>The part of the goal a problem is about, so the wizard can mark that field.</summary>
public enum GoalField
{
    Plan,
    When,
    RunDays,
    Time,
    TimeZone,
}

public sealed record GoalPreview(bool Succeeded, string? Error, string? PlanName, ScheduleDiff? Diff, IReadOnlyList<string> Messages, PersonalPaces? Paces, GoalField? Field = null)
{
    public static GoalPreview Fail(string error, GoalField field) => new(false, error, null, null, [], null, field);
}

/// <summary>The runner's edit of one session.</summary>
public sealed record SessionEdit(DateOnly Date, string Name, SessionKind Kind, IReadOnlyList<StepNode> Steps);

public sealed record CalendarResult(bool Succeeded, IReadOnlyList<string> Errors, int? SessionId = null)
{
    public static CalendarResult Ok(int? sessionId = null) => new(true, [], sessionId);

    public static CalendarResult Fail(params string[] errors) => new(false, errors);
}

/// <summary>
/// The runner's goal and calendar. <b>Every change to a runner's sessions goes through this class</b> (create, edit,
/// move, skip, delete, re-plan, goal change), and each public method ends in exactly one <see cref="CommitAsync"/>,
/// i.e. one SaveChangesAsync transaction. That is the seam for Garmin workout sync: it adds its sync-intent rows
/// in <see cref="CommitAsync"/>, from the tracked <see cref="RunnerSession"/> changes, atomically with them.
/// Every method takes the runner's id from the signed-in user and only touches that runner's rows.
/// </summary>
public sealed class RunnerCalendar(IDbContextFactory<CoopahDbContext> dbFactory, TimeProvider time, ISessionChangeObserver sessionObserver)
{
    public async Task<RunnerGoal?> GetGoalAsync(string runnerId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.RunnerGoals.AsNoTracking().Include(g => g.Plan).FirstOrDefaultAsync(g => g.RunnerId == runnerId, cancellationToken);
    }

    /// <summary>The runner's local date: their goal's time zone, or UTC when none is stored.</summary>
    public async Task<DateOnly> TodayAsync(string runnerId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var zone = await db.RunnerGoals.Where(g => g.RunnerId == runnerId).Select(g => g.TimeZoneId).FirstOrDefaultAsync(cancellationToken);
        return Today(zone);
    }

    /// <summary>Visible sessions (not deleted) between two dates, inclusive.</summary>
    public async Task<IReadOnlyList<RunnerSession>> GetSessionsAsync(string runnerId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.RunnerSessions.AsNoTracking()
            .Where(s => s.RunnerId == runnerId && !s.Deleted && s.Date >= from && s.Date <= to)
            .OrderBy(s => s.Date).ThenBy(s => s.SourceOrder).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>One of the runner's own sessions, or null (also for another runner's id, so a URL reveals nothing).</summary>
    public async Task<RunnerSession?> GetSessionAsync(string runnerId, int sessionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.RunnerSessions.AsNoTracking()
            .FirstOrDefaultAsync(s => s.Id == sessionId && s.RunnerId == runnerId && !s.Deleted, cancellationToken);
    }

    /// <summary>Works out what <see cref="SetGoalAsync"/> would change, without saving.</summary>
    public async Task<GoalPreview> PreviewGoalAsync(string runnerId, GoalInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (preview, _, _) = await PlanAsync(db, runnerId, input, cancellationToken);
        return preview;
    }

    /// <summary>Saves the goal and re-plans future sessions (hand-edited, skipped and added ones are kept).</summary>
    public async Task<GoalPreview> SetGoalAsync(string runnerId, GoalInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (preview, result, plan) = await PlanAsync(db, runnerId, input, cancellationToken);
        if (!preview.Succeeded || result is null || plan is null)
        {
            return preview;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var goal = await db.RunnerGoals.FirstOrDefaultAsync(g => g.RunnerId == runnerId, cancellationToken);
        if (goal is null)
        {
            goal = new RunnerGoal { RunnerId = runnerId };
            db.RunnerGoals.Add(goal);
        }

        goal.PlanId = plan.Id;
        goal.GoalKind = input.Goal.Kind;
        goal.GoalMetres = input.Goal.Metres;
        goal.GoalDate = input.GoalDate;
        goal.Weeks = input.GoalDate is null ? input.Weeks : null;
        goal.StartDate = result.Schedule.StartDate;
        goal.RunDays = PlanMapping.RunDayMask(input.RunDays);
        goal.LongRunDay = input.LongRunDay;
        goal.PaceSource = input.PaceSource;
        goal.PaceDistanceMetres = PaceDistance(input);
        goal.PaceTimeSeconds = input.TimeSeconds;
        goal.TimeZoneId = string.IsNullOrWhiteSpace(input.TimeZoneId) ? null : input.TimeZoneId;
        goal.UpdatedUtc = now;

        var rows = await db.RunnerSessions.Where(s => s.RunnerId == runnerId).ToDictionaryAsync(s => s.Id, cancellationToken);
        foreach (var change in result.Diff.Changes)
        {
            switch (change.Kind)
            {
                case SessionChangeKind.Removed when change.Before?.Id is { } id && rows.TryGetValue(id, out var removed):
                    db.RunnerSessions.Remove(removed);
                    break;
                case SessionChangeKind.Moved or SessionChangeKind.Unchanged when change.After is { Id: { } id } after && rows.TryGetValue(id, out var row):
                    Apply(row, after, now);
                    break;
                case SessionChangeKind.Added when change.After is { } added:
                    var fresh = new RunnerSession { RunnerId = runnerId, CreatedUtc = now };
                    Apply(fresh, added, now);
                    db.RunnerSessions.Add(fresh);
                    break;
            }
        }

        await CommitAsync(db, cancellationToken);
        return preview;
    }

    /// <summary>Adds an extra session on a day of the runner's choice.</summary>
    public async Task<CalendarResult> AddSessionAsync(string runnerId, SessionEdit edit, CancellationToken cancellationToken = default)
    {
        if (Check(edit) is { } failed)
        {
            return failed;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var session = new RunnerSession
        {
            RunnerId = runnerId,
            Date = edit.Date,
            Name = edit.Name.Trim(),
            Kind = edit.Kind,
            Steps = edit.Steps,
            AddedByRunner = true,
            CreatedUtc = now,
            UpdatedUtc = now,
        };
        db.RunnerSessions.Add(session);
        await CommitAsync(db, cancellationToken);
        return CalendarResult.Ok(session.Id);
    }

    /// <summary>Edits (or moves) a session; any change marks it edited by hand so re-planning keeps it.</summary>
    public async Task<CalendarResult> UpdateSessionAsync(string runnerId, int sessionId, SessionEdit edit, CancellationToken cancellationToken = default)
    {
        if (Check(edit) is { } failed)
        {
            return failed;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await FindAsync(db, runnerId, sessionId, cancellationToken);
        if (session is null)
        {
            return CalendarResult.Fail("That session does not exist.");
        }

        var changed = session.Date != edit.Date || session.Name != edit.Name.Trim() || session.Kind != edit.Kind || !session.Steps.SequenceEqual(edit.Steps);
        if (changed)
        {
            session.Date = edit.Date;
            session.Name = edit.Name.Trim();
            session.Kind = edit.Kind;
            session.Steps = edit.Steps;
            session.EditedByHand = true;
            session.UpdatedUtc = time.GetUtcNow().UtcDateTime;
            await CommitAsync(db, cancellationToken);
        }

        return CalendarResult.Ok(session.Id);
    }

    /// <summary>Moves a session to another day (an edit by hand).</summary>
    public async Task<CalendarResult> MoveSessionAsync(string runnerId, int sessionId, DateOnly date, CancellationToken cancellationToken = default)
    {
        var session = await GetSessionAsync(runnerId, sessionId, cancellationToken);
        return session is null
            ? CalendarResult.Fail("That session does not exist.")
            : await UpdateSessionAsync(runnerId, sessionId, new SessionEdit(date, session.Name, session.Kind, session.Steps), cancellationToken);
    }

    public async Task<CalendarResult> SetSkippedAsync(string runnerId, int sessionId, bool skipped, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await FindAsync(db, runnerId, sessionId, cancellationToken);
        if (session is null)
        {
            return CalendarResult.Fail("That session does not exist.");
        }

        session.Skipped = skipped;
        session.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        await CommitAsync(db, cancellationToken);
        return CalendarResult.Ok(session.Id);
    }

    /// <summary>Deletes a session: a plan session becomes a hidden tombstone so re-planning does not bring it back.</summary>
    public async Task<CalendarResult> DeleteSessionAsync(string runnerId, int sessionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await FindAsync(db, runnerId, sessionId, cancellationToken);
        if (session is null)
        {
            return CalendarResult.Fail("That session does not exist.");
        }

        if (session.SourcePlanKey is null)
        {
            db.RunnerSessions.Remove(session);
        }
        else
        {
            session.Deleted = true;
            session.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        }

        await CommitAsync(db, cancellationToken);
        return CalendarResult.Ok(sessionId);
    }

    /// <summary>
    /// The one commit of every mutation above. Sync intents for the tracked <see cref="RunnerSession"/> changes are
    /// written in the same transaction; a new session has its id only after the first SaveChanges, so the intents
    /// go in a second SaveChanges inside that transaction. Runners without an active Garmin link get none (linking
    /// later writes a Reconcile intent that covers everything).
    /// </summary>
    private async Task CommitAsync(CoopahDbContext db, CancellationToken cancellationToken)
    {
        var changes = GarminSyncOutbox.Capture(db);
        // A goal change re-resolves pace targets even for sessions whose rows did not change.
        var goals = db.ChangeTracker.Entries<RunnerGoal>().Where(e => e.State is EntityState.Added or EntityState.Modified).Select(e => e.Entity.RunnerId).ToList();
        var runners = changes.Select(c => c.Session.RunnerId).Concat(goals).Distinct(StringComparer.Ordinal).ToList();
        var linked = runners.Count == 0
            ? []
            : await db.GarminLinks.Where(l => runners.Contains(l.UserId) && l.Status == GarminLinkStatus.Active).Select(l => l.UserId).ToListAsync(cancellationToken);
        if (linked.Count == 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            GarminSyncOutbox.AddIntents(db, changes.Where(c => linked.Contains(c.Session.RunnerId)), now);
            foreach (var runnerId in goals.Where(linked.Contains))
            {
                GarminSyncOutbox.AddRunnerIntent(db, runnerId, GarminSyncIntentKind.Reconcile, now);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var runnerId in linked)
        {
            sessionObserver.SessionsChanged(runnerId);
        }
    }

    private static Task<RunnerSession?> FindAsync(CoopahDbContext db, string runnerId, int sessionId, CancellationToken cancellationToken) =>
        db.RunnerSessions.FirstOrDefaultAsync(s => s.Id == sessionId && s.RunnerId == runnerId && !s.Deleted, cancellationToken);

    private static CalendarResult? Check(SessionEdit edit)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(edit.Name))
        {
            errors.Add("Give the session a name.");
        }
        else if (edit.Name.Trim().Length > 120)
        {
            errors.Add("The name is longer than 120 characters.");
        }

        errors.AddRange(PlanValidator.ValidateSteps(edit.Steps).Select(i => i.Message));
        return errors.Count == 0 ? null : new CalendarResult(false, errors);
    }

    private async Task<(GoalPreview Preview, ReplanResult? Result, StoredPlan? Plan)> PlanAsync(
        CoopahDbContext db, string runnerId, GoalInput input, CancellationToken cancellationToken)
    {
        PersonalPaces paces;
        try
        {
            paces = PersonalPaces.FromRace(PaceDistance(input), input.TimeSeconds);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            // The Core message is written for people; drop the parameter suffix .NET appends.
            return (GoalPreview.Fail(ex.Message.Split(" (Parameter", 2)[0], GoalField.Time), null, null);
        }

        if (input.GoalDate is null && input.Weeks is null)
        {
            return (GoalPreview.Fail("Choose a goal date or a number of weeks.", GoalField.When), null, null);
        }

        var plan = await ChoosePlanAsync(db, runnerId, input, cancellationToken);
        if (plan is null)
        {
            return (GoalPreview.Fail("There is no active training plan for that distance yet.", GoalField.Plan), null, null);
        }

        var existing = await db.RunnerSessions.AsNoTracking().Where(s => s.RunnerId == runnerId).ToListAsync(cancellationToken);
        var request = new GoalScheduleRequest
        {
            Template = plan.ToTemplate(),
            GoalDate = input.GoalDate,
            Weeks = input.GoalDate is null ? input.Weeks : null,
            RunDays = input.RunDays,
            LongRunDay = input.LongRunDay,
            Today = Today(input.TimeZoneId),
        };
        try
        {
            var result = GoalScheduler.Replan([.. existing.Select(s => s.ToScheduled())], request);
            return (new GoalPreview(true, null, plan.Name, result.Diff, result.Messages, paces), result, plan);
        }
        catch (GoalScheduleException ex)
        {
            var field = ex.Code switch
            {
                ScheduleErrorCodes.NoRunDays or ScheduleErrorCodes.LongRunDayNotRunDay => GoalField.RunDays,
                ScheduleErrorCodes.InvalidTemplate => GoalField.Plan,
                _ => GoalField.When,
            };
            return (GoalPreview.Fail(ex.Message, field), null, null);
        }
    }

    private static async Task<StoredPlan?> ChoosePlanAsync(CoopahDbContext db, string runnerId, GoalInput input, CancellationToken cancellationToken)
    {
        var plans = db.Plans.Include(p => p.Sessions);
        if (input.PlanId is { } id)
        {
            // An archived or unpublished plan stays usable for the runner already on it.
            var currentPlanId = await db.RunnerGoals.Where(g => g.RunnerId == runnerId).Select(g => (int?)g.PlanId).FirstOrDefaultAsync(cancellationToken);
            return await plans.FirstOrDefaultAsync(p => p.Id == id && ((p.Published && !p.Archived) || p.Id == currentPlanId), cancellationToken);
        }

        var candidates = await db.Plans.AsNoTracking().Where(p => p.Published && !p.Archived).Select(p => new { p.Id, p.GoalKind, p.GoalMetres }).ToListAsync(cancellationToken);
        var best = candidates
            .Where(p => input.Goal.Kind == GoalDistanceKind.Custom || p.GoalKind == input.Goal.Kind)
            .OrderBy(p => Math.Abs(p.GoalMetres - input.Goal.Metres)).ThenBy(p => p.Id)
            .FirstOrDefault();
        return best is null ? null : await plans.FirstAsync(p => p.Id == best.Id, cancellationToken);
    }

    private static double PaceDistance(GoalInput input) =>
        input.PaceSource == PaceSource.GoalTime ? input.Goal.Metres : input.RaceDistanceMetres;

    private DateOnly Today(string? timeZoneId) => LocalDate.Today(time, FindZone(timeZoneId));

    /// <summary>The named zone, or UTC when none is stored or the id is unknown on this machine.</summary>
    public static TimeZoneInfo FindZone(string? timeZoneId) =>
        !string.IsNullOrWhiteSpace(timeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>
    /// Copies a scheduled session onto a row, touching only what differs, so an unchanged session is not marked
    /// modified (and so would not be re-sent to Garmin).
    /// </summary>
    private static void Apply(RunnerSession row, ScheduledSession session, DateTime now)
    {
        var same = row.Date == session.Date && row.Name == session.Name && row.Kind == session.Kind
            && row.Steps.SequenceEqual(session.Steps) && row.SourcePlanKey == session.Source?.TemplateId
            && row.SourceWeek == session.Source?.Week && row.SourceOrder == session.Source?.Order && row.PlanWeek == session.PlanWeek;
        if (same)
        {
            return;
        }

        row.Date = session.Date;
        row.Name = session.Name;
        row.Kind = session.Kind;
        row.Steps = session.Steps;
        row.SourcePlanKey = session.Source?.TemplateId;
        row.SourceWeek = session.Source?.Week;
        row.SourceOrder = session.Source?.Order;
        row.PlanWeek = session.PlanWeek;
        row.UpdatedUtc = now;
    }
}
