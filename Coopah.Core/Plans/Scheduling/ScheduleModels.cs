using System.Text.Json.Serialization;

namespace Coopah.Core.Plans.Scheduling;

/// <summary>
/// Which template session a scheduled session came from. <see cref="Week"/> is the template week (1..Weeks); base
/// weeks prepended in front of week 1 use 0, -1, -2, ... (0 is the base week right before week 1), so a session
/// keeps its identity when the goal moves and re-planning can tell "moved" from "added".
/// </summary>
public sealed record TemplateSessionRef(string TemplateId, int Week, int Order);

/// <summary>A session on the runner's calendar.</summary>
public sealed record ScheduledSession
{
    /// <summary>Storage id; Core never sets it, and re-planning carries it over for unchanged and moved sessions.</summary>
    public int? Id { get; init; }

    public required DateOnly Date { get; init; }

    /// <summary>The template session it came from; null for a session the runner added.</summary>
    public TemplateSessionRef? Source { get; init; }

    public required string Name { get; init; }

    public required SessionKind Kind { get; init; }

    public required IReadOnlyList<StepNode> Steps { get; init; }

    /// <summary>1-based week of the runner's schedule (base weeks included).</summary>
    public int PlanWeek { get; init; }

    /// <summary>Set by the UI when the runner moves or edits the session; re-planning keeps such sessions.</summary>
    public bool EditedByHand { get; init; }

    /// <summary>
    /// The runner skipped or deleted the session. Keep it (as a tombstone) so re-planning does not add it again;
    /// it does not take its day.
    /// </summary>
    public bool Skipped { get; init; }
}

/// <summary>
/// What the runner chose. Give either <see cref="GoalDate"/> (the last day of the period, usually race day) or
/// <see cref="Weeks"/>; <see cref="StartDate"/> defaults to <see cref="Today"/>. Dates are local calendar dates.
/// </summary>
public sealed record GoalScheduleRequest
{
    public required PlanTemplate Template { get; init; }

    public DateOnly? GoalDate { get; init; }

    public int? Weeks { get; init; }

    public DateOnly? StartDate { get; init; }

    public required IReadOnlyCollection<DayOfWeek> RunDays { get; init; }

    public required DayOfWeek LongRunDay { get; init; }

    /// <summary>The runner's local date today (from a TimeProvider in the caller; Core never reads the clock).</summary>
    public required DateOnly Today { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<DropReason>))]
public enum DropReason
{
    /// <summary>The week has fewer free run days than sessions.</summary>
    FewerRunDaysThanSessions,

    /// <summary>The plan starts mid-week and the week's remaining run days cannot hold every session.</summary>
    BeforeStart,

    /// <summary>Re-planning: sessions the runner edited or added take the week's other run days.</summary>
    DaysTakenByYourSessions,
}

/// <summary>A template session left out of a week, and why.</summary>
public sealed record DroppedSession(int PlanWeek, TemplateSessionRef Source, string Name, SessionKind Kind, DropReason Reason);

/// <summary>
/// A schedule. <see cref="StartDate"/> is the first day of the first plan week, which may be before the requested
/// start when the plan starts mid-week (no sessions are placed before the requested start).
/// <see cref="Messages"/> are for the runner (dropped sessions, unavoidable back-to-back hard days).
/// </summary>
public sealed record GoalSchedule(
    DateOnly StartDate,
    DateOnly GoalDate,
    int TotalWeeks,
    int BaseWeeks,
    int DroppedTemplateWeeks,
    IReadOnlyList<ScheduledSession> Sessions,
    IReadOnlyList<DroppedSession> Dropped,
    IReadOnlyList<string> Messages);

[JsonConverter(typeof(JsonStringEnumConverter<SessionChangeKind>))]
public enum SessionChangeKind
{
    Unchanged,
    Moved,
    Added,
    Removed,
}

/// <summary>One line of a re-plan diff; <see cref="Before"/> is null for added, <see cref="After"/> null for removed.</summary>
public sealed record SessionChange(SessionChangeKind Kind, ScheduledSession? Before, ScheduledSession? After);

/// <summary>
/// What re-planning changes among future sessions. <see cref="ChangedCount"/> is the "N sessions change" figure to
/// show before confirming. Past sessions and the <see cref="KeptByHand"/> edited, skipped or added ones are not counted.
/// </summary>
public sealed record ScheduleDiff(int Added, int Removed, int Moved, int Unchanged, int KeptByHand, IReadOnlyList<SessionChange> Changes)
{
    public int ChangedCount => Added + Removed + Moved;
}

/// <summary>The re-planned calendar (past + kept + new, by date), the diff against the old one, and the new schedule.</summary>
public sealed record ReplanResult(IReadOnlyList<ScheduledSession> Sessions, ScheduleDiff Diff, GoalSchedule Schedule, IReadOnlyList<string> Messages);

/// <summary>Stable codes of <see cref="GoalScheduleException"/>.</summary>
public static class ScheduleErrorCodes
{
    public const string InvalidRequest = "invalid-request";
    public const string NoRunDays = "no-run-days";
    public const string LongRunDayNotRunDay = "long-run-day-not-run-day";
    public const string GoalInPast = "goal-in-past";
    public const string StartInPast = "start-in-past";
    public const string PeriodTooShort = "period-too-short";
    public const string GoalTooFar = "goal-too-far";
    public const string InvalidTemplate = "invalid-template";
}

/// <summary>A request the scheduler cannot fulfil; <see cref="Exception.Message"/> is written for the runner.</summary>
public sealed class GoalScheduleException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
