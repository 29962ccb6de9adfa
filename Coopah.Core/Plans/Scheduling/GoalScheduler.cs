using System.Globalization;

namespace Coopah.Core.Plans.Scheduling;

/// <summary>
/// Fits a plan template to a runner's period and week, and re-plans when the goal changes. Pure: dates come in.
/// <list type="number">
/// <item>The period runs from the start date (default today) to the goal date (or start + 7 × weeks − 1). Weeks are
/// counted back from the goal date, so the plan's last week is the seven days ending on it; a part week at the
/// start counts as a week (A = ceiling(days / 7)), and its days before the start date are not used.</item>
/// <item>A = template weeks: all weeks. A &lt; weeks: the earliest weeks are dropped; when the period holds fewer
/// full weeks than the template's minimum: <see cref="ScheduleErrorCodes.PeriodTooShort"/> naming the earliest
/// possible goal date.
/// A &gt; weeks: the template's easy base week is repeated in front.</item>
/// <item>Per week: a race session goes on the last day of its week (race day = goal date); the long run on the
/// long-run day; the others on the remaining run days, choosing the arrangement that avoids hard sessions
/// (tempo, intervals, race) on consecutive days (across week boundaries too), then avoids hard sessions next to
/// the long run, then keeps the template order. When there are fewer free run days than sessions the lowest
/// priority sessions are dropped (cross, recovery, easy, then tempo/intervals, the long run last) and named in
/// <see cref="GoalSchedule.Messages"/>.</item>
/// </list>
/// </summary>
public static class GoalScheduler
{
    /// <summary>
    /// The longest period a goal may span: a year. Plans are 6-18 weeks and the weeks before them repeat the easy base
    /// week, so a goal further away would be months of the same easy week.
    /// </summary>
    public const int MaxWeeks = 52;

    private const int HardBackToBackCost = 1000;
    private const int HardNextToLongCost = 10;
    private const int MovedCost = 5;

    /// <summary>Builds the whole schedule. Throws <see cref="GoalScheduleException"/> with a runner-readable message.</summary>
    public static GoalSchedule Schedule(GoalScheduleRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Build(request, Context.Empty);
    }

    private static GoalSchedule Build(GoalScheduleRequest request, Context context)
    {
        var template = request.Template;
        var templateIssues = PlanValidator.ValidateTemplate(template);
        if (templateIssues.Count > 0)
        {
            throw new GoalScheduleException(ScheduleErrorCodes.InvalidTemplate, "The plan template is invalid: " + templateIssues[0].Message);
        }

        var runDays = request.RunDays.ToHashSet();
        if (runDays.Count == 0)
        {
            throw new GoalScheduleException(ScheduleErrorCodes.NoRunDays, "Choose at least one day of the week to run on.");
        }

        if (!runDays.Contains(request.LongRunDay))
        {
            throw new GoalScheduleException(
                ScheduleErrorCodes.LongRunDayNotRunDay,
                Inv($"The long-run day ({request.LongRunDay}) must be one of your run days ({string.Join(", ", runDays.Order())})."));
        }

        var (start, goal) = Period(request);
        var days = goal.DayNumber - start.DayNumber + 1;
        var available = (days + 6) / 7;
        var checkFrom = context.PlanStartedOn is { } started && started < start ? started : start;
        var fullWeeks = (goal.DayNumber - checkFrom.DayNumber + 1) / 7;
        if (fullWeeks < template.MinimumWeeks)
        {
            var earliest = checkFrom.AddDays((7 * template.MinimumWeeks) - 1);
            throw new GoalScheduleException(
                ScheduleErrorCodes.PeriodTooShort,
                Inv($"The period {Text(checkFrom)} to {Text(goal)} holds {fullWeeks} full week(s), but the '{template.Name}' plan needs at least {template.MinimumWeeks}. Choose a goal date on or after {Text(earliest)}."));
        }

        var baseWeeks = Math.Max(0, available - template.Weeks);
        var droppedWeeks = Math.Max(0, template.Weeks - available);
        var firstDay = goal.AddDays((-7 * available) + 1);
        var baseSessions = template.BaseWeek.Count > 0
            ? template.BaseWeek
            : [.. template.SessionsInWeek(1).Where(s => !s.Kind.IsHard())];

        var sessions = new List<ScheduledSession>();
        var dropped = new List<DroppedSession>();
        var messages = new List<string>();
        for (var week = 1; week <= available; week++)
        {
            var templateWeek = week - baseWeeks + droppedWeeks;
            var weekSessions = templateWeek >= 1
                ? template.SessionsInWeek(templateWeek)
                : [.. baseSessions.OrderBy(s => s.Order)];
            var weekStart = firstDay.AddDays(7 * (week - 1));
            weekSessions = [.. weekSessions.Where(s => !context.AlreadyHave.Contains(new TemplateSessionRef(template.Id, templateWeek, s.Order)))];
            var placed = PlaceWeek(template.Id, week, templateWeek, weekStart, start, weekSessions, runDays, request.LongRunDay, context, sessions, dropped, messages);
            sessions.AddRange(placed);
        }

        var fewerDays = dropped.Where(d => d.Reason == DropReason.FewerRunDaysThanSessions).ToList();
        if (fewerDays.Count > 0)
        {
            messages.Insert(0, Inv($"You run on {runDays.Count} day(s) a week, fewer than some weeks of the plan need, so these sessions are dropped: ") + DescribeDropped(fewerDays) + ".");
        }

        var partial = dropped.Where(d => d.Reason == DropReason.BeforeStart).ToList();
        if (partial.Count > 0)
        {
            messages.Insert(0, Inv($"The plan starts mid-week on {Text(start)}, so these sessions of the first week are left out: ") + DescribeDropped(partial) + ".");
        }

        if (baseWeeks > 0)
        {
            messages.Add(Inv($"The '{template.Name}' plan has {template.Weeks} weeks; the {baseWeeks} week(s) before it repeat its easy base week."));
        }

        var taken = dropped.Where(d => d.Reason == DropReason.DaysTakenByYourSessions).ToList();
        if (taken.Count > 0)
        {
            messages.Insert(0, "Sessions you edited or added take the remaining run days, so these sessions are left out: " + DescribeDropped(taken) + ".");
        }

        return new GoalSchedule(firstDay, goal, available, baseWeeks, droppedWeeks, sessions, dropped, messages);
    }

    /// <summary>
    /// Re-plans after the goal changed. Sessions before <see cref="GoalScheduleRequest.Today"/> stay as they are, and
    /// so do future sessions edited by hand, skipped, or added by the runner (no <see cref="ScheduledSession.Source"/>). The new
    /// schedule starts today (the current week is a part week) and leaves out template sessions the runner already
    /// has (past or kept). The other future sessions are replaced by it, matched by
    /// <see cref="ScheduledSession.Source"/> to report them as unchanged, moved (ids kept), removed or added. The
    /// template's minimum length is checked from the old plan's first session, so a goal moved late in a plan is fine.
    /// New sessions avoid the days of kept sessions (only race day can clash; a message says so) and prefer their old
    /// dates, so re-planning with an unchanged goal changes nothing.
    /// </summary>
    public static ReplanResult Replan(IReadOnlyList<ScheduledSession> existing, GoalScheduleRequest request)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(request);
        var today = request.Today;
        var past = existing.Where(s => s.Date < today).ToList();
        var kept = existing.Where(s => s.Date >= today && (s.EditedByHand || s.Skipped || s.Source is null)).ToList();
        var replaceable = existing.Where(s => s.Date >= today && !s.EditedByHand && !s.Skipped && s.Source is not null).ToList();
        var alreadyHave = past.Concat(kept).Where(s => s.Source is not null).Select(s => s.Source!).ToHashSet();
        var planStartedOn = existing.Where(s => s.Source is not null).Select(s => (DateOnly?)s.Date).Min();
        var takenDays = new Dictionary<DateOnly, SessionKind>();
        foreach (var session in kept.Where(s => !s.Skipped && (!takenDays.ContainsKey(s.Date) || s.Kind.IsHard())))
        {
            takenDays[session.Date] = session.Kind;
        }

        var previousDates = new Dictionary<TemplateSessionRef, DateOnly>();
        foreach (var session in replaceable)
        {
            previousDates.TryAdd(session.Source!, session.Date);
        }

        var schedule = Build(request with { StartDate = null }, new Context(alreadyHave, takenDays, previousDates, planStartedOn));
        var generated = schedule.Sessions.Where(s => s.Date >= today).ToList();

        var changes = new List<SessionChange>();
        var result = new List<ScheduledSession>(past);
        result.AddRange(kept);
        var unmatched = replaceable.ToList();
        foreach (var fresh in generated)
        {
            var index = unmatched.FindIndex(old => old.Source == fresh.Source);
            if (index < 0)
            {
                changes.Add(new SessionChange(SessionChangeKind.Added, null, fresh));
                result.Add(fresh);
                continue;
            }

            var old = unmatched[index];
            unmatched.RemoveAt(index);
            var after = fresh with { Id = old.Id };
            changes.Add(new SessionChange(old.Date == fresh.Date ? SessionChangeKind.Unchanged : SessionChangeKind.Moved, old, after));
            result.Add(after);
        }

        changes.AddRange(unmatched.Select(old => new SessionChange(SessionChangeKind.Removed, old, null)));

        var messages = new List<string>(schedule.Messages);
        foreach (var clash in generated.Where(g => kept.Any(k => !k.Skipped && k.Date == g.Date)))
        {
            messages.Add(Inv($"{Text(clash.Date)}: race day '{clash.Name}' falls on the same day as a session you edited or added."));
        }

        var diff = new ScheduleDiff(
            changes.Count(c => c.Kind == SessionChangeKind.Added),
            changes.Count(c => c.Kind == SessionChangeKind.Removed),
            changes.Count(c => c.Kind == SessionChangeKind.Moved),
            changes.Count(c => c.Kind == SessionChangeKind.Unchanged),
            kept.Count,
            changes);
        return new ReplanResult([.. result.OrderBy(s => s.Date).ThenBy(s => s.Source?.Order ?? int.MaxValue)], diff, schedule, messages);
    }

    private static (DateOnly Start, DateOnly Goal) Period(GoalScheduleRequest request)
    {
        if (request.GoalDate.HasValue == request.Weeks.HasValue)
        {
            throw new GoalScheduleException(ScheduleErrorCodes.InvalidRequest, "Choose either a goal date or a number of weeks.");
        }

        var start = request.StartDate ?? request.Today;
        if (start < request.Today)
        {
            throw new GoalScheduleException(ScheduleErrorCodes.StartInPast, Inv($"The start date {Text(start)} is in the past."));
        }

        if (request.GoalDate is { } goal)
        {
            if (goal < request.Today)
            {
                throw new GoalScheduleException(ScheduleErrorCodes.GoalInPast, Inv($"The goal date {Text(goal)} is in the past."));
            }

            if (goal < start)
            {
                throw new GoalScheduleException(ScheduleErrorCodes.InvalidRequest, Inv($"The goal date {Text(goal)} is before the start date {Text(start)}."));
            }

            var latest = LatestGoalDate(start);
            if (goal > latest)
            {
                throw new GoalScheduleException(
                    ScheduleErrorCodes.GoalTooFar,
                    Inv($"The goal date {Text(goal)} is more than {MaxWeeks} weeks away; a plan fills at most a year. Choose a date on or before {Text(latest)}, and move your goal when the race is nearer."));
            }

            return (start, goal);
        }

        var weeks = request.Weeks!.Value;
        if (weeks is < 1 or > MaxWeeks)
        {
            throw new GoalScheduleException(
                weeks < 1 ? ScheduleErrorCodes.InvalidRequest : ScheduleErrorCodes.GoalTooFar,
                Inv($"The number of weeks must be between 1 and {MaxWeeks}."));
        }

        return (start, start.AddDays((7 * weeks) - 1));
    }

    /// <summary>The last goal date a plan starting on <paramref name="start"/> may have (<see cref="MaxWeeks"/> weeks).</summary>
    public static DateOnly LatestGoalDate(DateOnly start) => start.AddDays((7 * MaxWeeks) - 1);

    /// <summary>What re-planning must respect: template sessions already had, days taken by kept sessions, old dates.</summary>
    private sealed record Context(
        HashSet<TemplateSessionRef> AlreadyHave,
        Dictionary<DateOnly, SessionKind> TakenDays,
        Dictionary<TemplateSessionRef, DateOnly> PreviousDates,
        DateOnly? PlanStartedOn)
    {
        public static Context Empty { get; } = new([], [], [], null);
    }

    private static List<ScheduledSession> PlaceWeek(
        string templateId,
        int planWeek,
        int templateWeek,
        DateOnly weekStart,
        DateOnly start,
        IReadOnlyList<SessionTemplate> weekSessions,
        HashSet<DayOfWeek> runDays,
        DayOfWeek longRunDay,
        Context context,
        List<ScheduledSession> earlier,
        List<DroppedSession> dropped,
        List<string> messages)
    {
        TemplateSessionRef Ref(SessionTemplate s) => new(templateId, templateWeek, s.Order);
        var days = Enumerable.Range(0, 7).Select(weekStart.AddDays).ToList();
        var fixedDates = new Dictionary<SessionTemplate, DateOnly>();
        var raceDay = days[^1];
        foreach (var race in weekSessions.Where(s => s.Kind == SessionKind.Race).Take(1))
        {
            fixedDates[race] = raceDay;
        }

        bool Usable(DateOnly d) => d >= start && !context.TakenDays.ContainsKey(d) && !fixedDates.ContainsValue(d);
        var longDate = days.Single(d => d.DayOfWeek == longRunDay);
        var longRun = weekSessions.FirstOrDefault(s => s.Kind == SessionKind.Long);
        if (longRun is not null && Usable(longDate))
        {
            fixedDates[longRun] = longDate;
        }

        var freeDays = days.Where(d => runDays.Contains(d.DayOfWeek) && Usable(d)).ToList();
        var flexible = weekSessions.Where(s => !fixedDates.ContainsKey(s)).ToList();
        if (flexible.Count > freeDays.Count)
        {
            var toDrop = flexible
                .OrderBy(Priority)
                .ThenByDescending(s => s.Order)
                .Take(flexible.Count - freeDays.Count)
                .ToHashSet();
            var wholeWeekDays = days.Count(d => runDays.Contains(d.DayOfWeek) && !fixedDates.ContainsValue(d));
            var reason = flexible.Count > wholeWeekDays ? DropReason.FewerRunDaysThanSessions
                : weekStart < start ? DropReason.BeforeStart
                : DropReason.DaysTakenByYourSessions;
            foreach (var s in toDrop.OrderBy(s => s.Order))
            {
                dropped.Add(new DroppedSession(planWeek, Ref(s), s.Name, s.Kind, reason));
            }

            flexible = [.. flexible.Where(s => !toDrop.Contains(s))];
        }

        var otherHard = earlier.Where(s => s.Kind.IsHard()).Select(s => s.Date)
            .Concat(context.TakenDays.Where(p => p.Value.IsHard()).Select(p => p.Key))
            .ToHashSet();
        var previous = flexible.Select(s => context.PreviousDates.TryGetValue(Ref(s), out var d) ? d : (DateOnly?)null).ToArray();
        var best = BestAssignment(flexible, freeDays, fixedDates, otherHard, previous);
        foreach (var (session, date) in flexible.Zip(best))
        {
            fixedDates[session] = date;
        }

        var hardDates = fixedDates.Where(p => p.Key.Kind.IsHard()).Select(p => p.Value).Concat(otherHard).Distinct().Order().ToList();
        var backToBack = hardDates.Zip(hardDates.Skip(1))
            .Where(p => p.Second.DayNumber - p.First.DayNumber == 1 && p.Second >= weekStart && p.Second <= days[^1])
            .ToList();
        foreach (var (first, second) in backToBack)
        {
            messages.Add(Inv($"Week {planWeek}: hard sessions on {Text(first)} and {Text(second)} are back to back because your run days leave no gap."));
        }

        return [.. fixedDates
            .OrderBy(p => p.Value)
            .Select(p => new ScheduledSession
            {
                Date = p.Value,
                Source = Ref(p.Key),
                Name = p.Key.Name,
                Kind = p.Key.Kind,
                Steps = p.Key.Steps,
                PlanWeek = planWeek,
            })];
    }

    /// <summary>Exhaustive search (at most 7! arrangements) for the lowest-cost placement of the flexible sessions.</summary>
    private static DateOnly[] BestAssignment(
        List<SessionTemplate> flexible,
        List<DateOnly> freeDays,
        Dictionary<SessionTemplate, DateOnly> fixedDates,
        HashSet<DateOnly> otherHard,
        DateOnly?[] previous)
    {
        var best = new DateOnly[flexible.Count];
        var current = new DateOnly[flexible.Count];
        var used = new bool[freeDays.Count];
        var bestCost = int.MaxValue;
        var fixedHard = fixedDates.Where(p => p.Key.Kind.IsHard()).Select(p => p.Value).Concat(otherHard).ToList();
        var longDates = fixedDates.Where(p => p.Key.Kind == SessionKind.Long).Select(p => p.Value).ToList();

        void Search(int i)
        {
            if (i == flexible.Count)
            {
                var cost = Cost(flexible, current, fixedHard, longDates, previous);
                if (cost < bestCost)
                {
                    bestCost = cost;
                    Array.Copy(current, best, current.Length);
                }

                return;
            }

            for (var d = 0; d < freeDays.Count; d++)
            {
                if (used[d])
                {
                    continue;
                }

                used[d] = true;
                current[i] = freeDays[d];
                Search(i + 1);
                used[d] = false;
            }
        }

        Search(0);
        return best;
    }

    private static int Cost(List<SessionTemplate> flexible, DateOnly[] dates, List<DateOnly> fixedHard, List<DateOnly> longDates, DateOnly?[] previous)
    {
        var hard = new List<DateOnly>(fixedHard);
        var cost = 0;
        for (var i = 0; i < flexible.Count; i++)
        {
            if (flexible[i].Kind.IsHard())
            {
                hard.Add(dates[i]);
                cost += longDates.Count(l => Math.Abs(l.DayNumber - dates[i].DayNumber) == 1) * HardNextToLongCost;
            }

            if (previous[i] is { } before && before != dates[i])
            {
                cost += MovedCost;
            }

            for (var j = i + 1; j < flexible.Count; j++)
            {
                if (dates[j] < dates[i])
                {
                    cost++;
                }
            }
        }

        hard.Sort();
        for (var i = 1; i < hard.Count; i++)
        {
            if (hard[i].DayNumber - hard[i - 1].DayNumber == 1)
            {
                cost += HardBackToBackCost;
            }
        }

        return cost;
    }

    private static string DescribeDropped(IEnumerable<DroppedSession> dropped) =>
        string.Join("; ", dropped.GroupBy(d => d.PlanWeek).Select(g =>
            Inv($"week {g.Key}: ") + string.Join(", ", g.Select(d => Inv($"'{d.Name}' ({d.Kind.ToString().ToLowerInvariant()})")))));

    private static int Priority(SessionTemplate session) => session.Kind switch
    {
        SessionKind.Cross => 0,
        SessionKind.Recovery => 1,
        SessionKind.Easy => 2,
        SessionKind.Tempo or SessionKind.Intervals => 3,
        SessionKind.Race => 4,
        SessionKind.Long => 5,
        _ => 2,
    };

    private static string Text(DateOnly date) => date.ToString("ddd yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString text) => FormattableString.Invariant(text);
}
