using System.Text.Json.Serialization;

namespace Coopah.Core.Plans;

/// <summary>The goal race distance a plan targets.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GoalDistanceKind>))]
public enum GoalDistanceKind
{
    FiveK,
    TenK,
    HalfMarathon,
    Marathon,
    Custom,
}

/// <summary>A goal distance: one of the standard races, or a custom distance in metres.</summary>
public sealed record GoalDistance(GoalDistanceKind Kind, double Metres)
{
    public static GoalDistance FiveK { get; } = new(GoalDistanceKind.FiveK, 5000);

    public static GoalDistance TenK { get; } = new(GoalDistanceKind.TenK, 10000);

    public static GoalDistance HalfMarathon { get; } = new(GoalDistanceKind.HalfMarathon, 21097.5);

    public static GoalDistance Marathon { get; } = new(GoalDistanceKind.Marathon, 42195);

    public static GoalDistance Custom(double metres) => new(GoalDistanceKind.Custom, metres);

    /// <summary>The four standard races, shortest first.</summary>
    public static IReadOnlyList<GoalDistance> Standards { get; } = [FiveK, TenK, HalfMarathon, Marathon];

    /// <summary>
    /// The goal a form's choice stands for: a standard race, or for <see cref="GoalDistanceKind.Custom"/> the entered
    /// kilometres rounded to whole metres. There is no other fallback: guessing a race (the admin list used to
    /// turn anything unknown into a marathon) would silently plan for the wrong distance.
    /// </summary>
    public static GoalDistance Of(GoalDistanceKind kind, double customKm = 0) => kind switch
    {
        GoalDistanceKind.FiveK => FiveK,
        GoalDistanceKind.TenK => TenK,
        GoalDistanceKind.HalfMarathon => HalfMarathon,
        GoalDistanceKind.Marathon => Marathon,
        GoalDistanceKind.Custom => Custom(Math.Round(customKm * 1000)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a goal distance kind."),
    };

    /// <summary>The standard race within a metre of <paramref name="metres"/>, else <see cref="GoalDistanceKind.Custom"/>.</summary>
    public static GoalDistanceKind KindOf(double metres) =>
        Standards.FirstOrDefault(g => Math.Abs(g.Metres - metres) < 1)?.Kind ?? GoalDistanceKind.Custom;
}

/// <summary>The kind of a session; tempo, intervals and race count as hard (see <see cref="SessionKinds.IsHard"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SessionKind>))]
public enum SessionKind
{
    Easy,
    Long,
    Tempo,
    Intervals,
    Recovery,
    Race,
    Cross,
}

public static class SessionKinds
{
    /// <summary>True for the kinds the scheduler keeps off consecutive days: tempo, intervals and race.</summary>
    public static bool IsHard(this SessionKind kind) =>
        kind is SessionKind.Tempo or SessionKind.Intervals or SessionKind.Race;
}

/// <summary>A session of a plan template: week (1-based), order within the week (1-based), name, kind and steps.</summary>
public sealed record SessionTemplate(int Week, int Order, string Name, SessionKind Kind, IReadOnlyList<StepNode> Steps);

/// <summary>
/// A training plan template. <see cref="Sessions"/> covers weeks 1..<see cref="Weeks"/>; the last week ends on the
/// goal date. <see cref="MinimumWeeks"/> is how far the scheduler may shorten the plan (by dropping the earliest
/// weeks); <see cref="BaseWeek"/> is the easy week the scheduler repeats in front of week 1 when the period is longer
/// (its sessions' <see cref="SessionTemplate.Week"/> is 0).
/// </summary>
public sealed record PlanTemplate
{
    /// <summary>Stable key, e.g. <c>5k-6w</c>; scheduled sessions refer to it.</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string Description { get; init; } = string.Empty;

    public required GoalDistance Goal { get; init; }

    public required int Weeks { get; init; }

    public required int MinimumWeeks { get; init; }

    public required IReadOnlyList<SessionTemplate> Sessions { get; init; }

    public IReadOnlyList<SessionTemplate> BaseWeek { get; init; } = [];

    /// <summary>The sessions of one week, in order; week 0 is the <see cref="BaseWeek"/>, as in the editing methods.</summary>
    public IReadOnlyList<SessionTemplate> SessionsInWeek(int week) =>
        [.. Sessions.Concat(BaseWeek).Where(s => s.Week == week).OrderBy(s => s.Order)];

    /// <summary>Appends a session to <paramref name="week"/> (0 = base week).</summary>
    public PlanTemplate WithSessionAdded(int week, string name, SessionKind kind, IReadOnlyList<StepNode> steps)
    {
        var all = AllSessions();
        all.Add(new SessionTemplate(week, NextOrder(all, week), name.Trim(), kind, steps));
        return Split(all);
    }

    /// <summary>
    /// Replaces the session at (<paramref name="week"/>, <paramref name="order"/>). In the same week it keeps its place;
    /// moved to <paramref name="toWeek"/> it goes last there and its old week closes up, so orders stay 1..n.
    /// </summary>
    public PlanTemplate WithSessionEdited(int week, int order, int toWeek, string name, SessionKind kind, IReadOnlyList<StepNode> steps)
    {
        if (toWeek == week && AllSessions().Any(s => s.Week == week && s.Order == order))
        {
            return Split([.. AllSessions().Select(s => s.Week == week && s.Order == order ? s with { Name = name.Trim(), Kind = kind, Steps = steps } : s)]);
        }

        return WithoutSession(week, order).WithSessionAdded(toWeek, name, kind, steps);
    }

    /// <summary>Removes the session at (<paramref name="week"/>, <paramref name="order"/>); the later ones of that week move up.</summary>
    public PlanTemplate WithoutSession(int week, int order) =>
        Split([.. AllSessions()
            .Where(s => s.Week != week || s.Order != order)
            .Select(s => s.Week == week && s.Order > order ? s with { Order = s.Order - 1 } : s)]);

    /// <summary>Swaps the session at (<paramref name="week"/>, <paramref name="order"/>) with the one <paramref name="delta"/> places away; unchanged when there is none.</summary>
    public PlanTemplate WithSessionSwapped(int week, int order, int delta)
    {
        var other = order + delta;
        var all = AllSessions();
        if (!all.Any(s => s.Week == week && s.Order == order) || !all.Any(s => s.Week == week && s.Order == other))
        {
            return this;
        }

        return Split([.. all.Select(s => s.Week != week ? s : s.Order == order ? s with { Order = other } : s.Order == other ? s with { Order = order } : s)]);
    }

    private List<SessionTemplate> AllSessions() => [.. Sessions, .. BaseWeek];

    private static int NextOrder(List<SessionTemplate> all, int week) =>
        all.Where(s => s.Week == week).Select(s => s.Order).DefaultIfEmpty(0).Max() + 1;

    private PlanTemplate Split(List<SessionTemplate> all) => this with
    {
        Sessions = [.. all.Where(s => s.Week > 0)],
        BaseWeek = [.. all.Where(s => s.Week == 0)],
    };
}
