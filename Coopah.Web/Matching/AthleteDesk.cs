using System.Security.Claims;
using Coopah.Core.Plans;
using Coopah.Web.Coaching;
using Coopah.Web.Data;
using Coopah.Web.Plans;
using Microsoft.EntityFrameworkCore;

namespace Coopah.Web.Matching;

/// <summary>A day's mark in the last-7-days strip: the worst state of its sessions, or an unplanned run.</summary>
public sealed record DayMark(DateOnly Date, RunState? State);

/// <summary>One row of the coach's athletes table.</summary>
public sealed record AthleteRow(
    string RunnerId,
    string Name,
    string? Goal,
    string? PlanName,
    int? PlanWeek,
    int WeekPlannedSessions,
    int WeekDoneSessions,
    double WeekPlannedMetres,
    double WeekDoneMetres,
    double WeekPlannedSeconds,
    double WeekDoneSeconds,
    IReadOnlyList<DayMark> LastSevenDays,
    DateOnly? LastRun,
    int Unreviewed,
    GarminLinkStatus? Link);

/// <summary>The state of a planned session: done (by its run's colour), missed, or still to come.</summary>
public sealed record SessionMark(int SessionId, DateOnly Date, RunState State, long? RunId, int? Score);

/// <summary>Marks for a calendar range: each session's state, and the runs that match no session.</summary>
public sealed record CalendarMarks(IReadOnlyDictionary<int, SessionMark> Sessions, IReadOnlyList<RunListItem> UnplannedRuns, IReadOnlyList<RunListItem> Runs)
{
    public static CalendarMarks Empty { get; } = new(new Dictionary<int, SessionMark>(), [], []);
}

/// <summary>A week of the volume chart (Monday first).</summary>
public sealed record WeekVolume(DateOnly Monday, double PlannedMetres, double DoneMetres, double PlannedSeconds, double DoneSeconds);

/// <summary>
/// The athletes table, the athlete page and the calendars' run marks. Each is a fixed handful of queries whatever
/// the number of runners, sessions or runs (no query per row).
/// </summary>
public sealed class AthleteDesk(IDbContextFactory<CoopahDbContext> dbFactory, TimeProvider time)
{
    public async Task<IReadOnlyList<AthleteRow>> AthletesAsync(ClaimsPrincipal viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var runners = await db.RunnersVisibleTo(viewer).AsNoTracking()
            .Select(r => new { r.Id, Name = r.DisplayName ?? r.Email ?? r.Id })
            .ToListAsync(cancellationToken);
        var ids = runners.Select(r => r.Id).ToList();
        var goals = await db.RunnerGoals.AsNoTracking().Where(g => ids.Contains(g.RunnerId))
            .Join(db.Plans, g => g.PlanId, p => p.Id, (g, p) => new { Goal = g, PlanName = p.Name })
            .ToDictionaryAsync(g => g.Goal.RunnerId, cancellationToken);
        var todays = runners.ToDictionary(r => r.Id, r => Today(goals.TryGetValue(r.Id, out var g) ? g.Goal.TimeZoneId : null));
        var earliest = todays.Values.DefaultIfEmpty(Today(null)).Min().AddDays(-7);
        var latest = todays.Values.DefaultIfEmpty(Today(null)).Max().AddDays(7);

        var sessions = await db.RunnerSessions.AsNoTracking()
            .Where(s => ids.Contains(s.RunnerId) && !s.Deleted && !s.Skipped && s.Date >= earliest && s.Date <= latest)
            .Select(s => new { s.Id, s.RunnerId, s.Date, s.Steps })
            .ToListAsync(cancellationToken);
        var runs = await db.Runs().AsNoTracking()
            .Where(r => ids.Contains(r.RunnerId) && r.IsRunning && r.LocalDate >= earliest && r.LocalDate <= latest)
            .Select(r => new { r.RunnerId, r.LocalDate, r.SessionId, r.Colour, r.DistanceMetres, r.TimerSeconds })
            .ToListAsync(cancellationToken);
        var unreviewed = await db.Runs().Where(r => ids.Contains(r.RunnerId) && r.IsRunning && r.ReviewedAtUtc == null)
            .GroupBy(r => r.RunnerId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var lastRuns = await db.Runs().Where(r => ids.Contains(r.RunnerId) && r.IsRunning)
            .GroupBy(r => r.RunnerId).Select(g => new { g.Key, Last = g.Max(r => r.LocalDate) })
            .ToDictionaryAsync(g => g.Key, g => g.Last, cancellationToken);
        var links = await db.GarminLinks.AsNoTracking().Where(l => ids.Contains(l.UserId))
            .Select(l => new { l.UserId, l.Status })
            .ToListAsync(cancellationToken);

        var rows = new List<AthleteRow>(runners.Count);
        foreach (var runner in runners)
        {
            var today = todays[runner.Id];
            var monday = Monday(today);
            var goal = goals.GetValueOrDefault(runner.Id);
            var paces = goal is null ? PersonalPaces.Reference : goal.Goal.Paces();
            var mine = sessions.Where(s => s.RunnerId == runner.Id).ToList();
            var myRuns = runs.Where(r => r.RunnerId == runner.Id).ToList();
            var week = mine.Where(s => s.Date >= monday && s.Date < monday.AddDays(7)).ToList();
            var weekRuns = myRuns.Where(r => r.LocalDate >= monday && r.LocalDate < monday.AddDays(7)).ToList();
            var estimates = week.Select(s => SessionEstimator.Estimate(s.Steps, new EstimateOptions { Paces = paces })).ToList();
            var matched = myRuns.Where(r => r.SessionId is not null).ToDictionary(r => r.SessionId!.Value);
            var days = Enumerable.Range(0, 7).Select(i => today.AddDays(i - 6))
                .Select(d => new DayMark(d, DayState(
                    mine.Where(s => s.Date == d).Select(s => matched.TryGetValue(s.Id, out var r) ? RunStates.FromColour(r.Colour) : (d < today ? RunState.Missed : RunState.Planned)),
                    myRuns.Any(r => r.LocalDate == d && r.SessionId is null))))
                .ToList();
            rows.Add(new AthleteRow(
                runner.Id,
                runner.Name,
                goal is null ? null : PlanText.Goal(new GoalDistance(goal.Goal.GoalKind, goal.Goal.GoalMetres)) + (goal.Goal.GoalDate is { } date ? " · " + PlanText.Date(date) : ""),
                goal?.PlanName,
                goal is null ? null : Math.Max(1, ((today.DayNumber - goal.Goal.StartDate.DayNumber) / 7) + 1),
                week.Count,
                week.Count(s => matched.ContainsKey(s.Id)),
                estimates.Sum(e => e.DistanceMetres),
                weekRuns.Sum(r => r.DistanceMetres ?? 0),
                estimates.Sum(e => e.DurationSeconds),
                weekRuns.Sum(r => r.TimerSeconds ?? 0),
                days,
                lastRuns.TryGetValue(runner.Id, out var last) ? last : null,
                unreviewed.GetValueOrDefault(runner.Id),
                links.Where(l => l.UserId == runner.Id).Select(l => (GarminLinkStatus?)l.Status).OrderBy(s => s).FirstOrDefault()));
        }

        return [.. rows.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Session states and runs for a runner's calendar range.</summary>
    public async Task<CalendarMarks> MarksAsync(string runnerId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var timeZone = await db.RunnerGoals.Where(g => g.RunnerId == runnerId).Select(g => g.TimeZoneId).FirstOrDefaultAsync(cancellationToken);
        var today = Today(timeZone);
        var sessions = await db.RunnerSessions.AsNoTracking()
            .Where(s => s.RunnerId == runnerId && !s.Deleted && s.Date >= from && s.Date <= to)
            .Select(s => new { s.Id, s.Date, s.Skipped })
            .ToListAsync(cancellationToken);
        var runs = await db.ListItems(db.Runs().Where(r => r.RunnerId == runnerId && r.LocalDate >= from && r.LocalDate <= to)
            .OrderBy(r => r.StartTimeUtc)).ToListAsync(cancellationToken);
        var sessionIds = sessions.Select(s => s.Id).ToList();
        // A session in range may be matched to a run outside it (done a day late, or by its code).
        var matched = await db.Runs().Where(r => r.SessionId != null && sessionIds.Contains(r.SessionId.Value))
            .Select(r => new { SessionId = r.SessionId!.Value, r.Id, r.Colour, r.Score })
            .ToDictionaryAsync(r => r.SessionId, cancellationToken);
        var marks = sessions.ToDictionary(s => s.Id, s => matched.TryGetValue(s.Id, out var run)
            ? new SessionMark(s.Id, s.Date, RunStates.FromColour(run.Colour), run.Id, run.Score)
            : new SessionMark(s.Id, s.Date, s.Skipped || s.Date >= today ? RunState.Planned : RunState.Missed, null, null));
        return new CalendarMarks(marks, [.. runs.Where(r => r.SessionId is null)], runs);
    }

    /// <summary>Planned vs done per week, for the <paramref name="weeks"/> weeks up to the runner's current week.</summary>
    public async Task<IReadOnlyList<WeekVolume>> WeeklyVolumeAsync(string runnerId, int weeks = 12, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var goal = await db.RunnerGoals.AsNoTracking().FirstOrDefaultAsync(g => g.RunnerId == runnerId, cancellationToken);
        var first = Monday(Today(goal?.TimeZoneId)).AddDays(-7 * (weeks - 1));
        var last = first.AddDays((7 * weeks) - 1);
        var sessions = await db.RunnerSessions.AsNoTracking()
            .Where(s => s.RunnerId == runnerId && !s.Deleted && !s.Skipped && s.Date >= first && s.Date <= last)
            .Select(s => new { s.Date, s.Steps })
            .ToListAsync(cancellationToken);
        var runs = await db.Runs().AsNoTracking()
            .Where(r => r.RunnerId == runnerId && r.IsRunning && r.LocalDate >= first && r.LocalDate <= last)
            .Select(r => new { r.LocalDate, r.DistanceMetres, r.TimerSeconds })
            .ToListAsync(cancellationToken);
        var options = new EstimateOptions { Paces = goal?.Paces() ?? PersonalPaces.Reference };
        return [.. Enumerable.Range(0, weeks).Select(i =>
        {
            var monday = first.AddDays(7 * i);
            var planned = sessions.Where(s => s.Date >= monday && s.Date < monday.AddDays(7)).Select(s => SessionEstimator.Estimate(s.Steps, options)).ToList();
            var done = runs.Where(r => r.LocalDate >= monday && r.LocalDate < monday.AddDays(7)).ToList();
            return new WeekVolume(monday, planned.Sum(e => e.DistanceMetres), done.Sum(r => r.DistanceMetres ?? 0), planned.Sum(e => e.DurationSeconds), done.Sum(r => r.TimerSeconds ?? 0));
        })];
    }

    /// <summary>The worst state of a day's sessions; a day with only an unplanned run shows that.</summary>
    private static RunState? DayState(IEnumerable<RunState> sessionStates, bool unplannedRun)
    {
        var states = sessionStates.ToList();
        if (states.Count == 0)
        {
            return unplannedRun ? RunState.Unplanned : null;
        }

        RunState[] worstFirst = [RunState.Missed, RunState.OffTarget, RunState.Partly, RunState.Pending, RunState.OnTarget, RunState.Planned];
        return worstFirst.First(states.Contains);
    }

    private DateOnly Today(string? timeZoneId) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), RunnerCalendar.FindZone(timeZoneId)).DateTime);

    private static DateOnly Monday(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
}
