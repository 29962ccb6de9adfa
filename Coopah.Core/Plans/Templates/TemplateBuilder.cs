namespace Coopah.Core.Plans.Templates;

/// <summary>Builds seed templates from sessions written in the step notation.</summary>
internal sealed class TemplateBuilder(string id, string name, string description, GoalDistance goal, int weeks, int minimumWeeks)
{
    private readonly List<SessionTemplate> _sessions = [];
    private readonly List<SessionTemplate> _baseWeek = [];

    /// <summary>Adds the sessions of one week; their order is their position.</summary>
    public TemplateBuilder Week(int week, params (SessionKind Kind, string Name, string Steps)[] sessions)
    {
        _sessions.AddRange(sessions.Select((s, i) => Session(week, i + 1, s)));
        return this;
    }

    /// <summary>Sets the easy week repeated in front of week 1 when the runner's period is longer.</summary>
    public TemplateBuilder BaseWeek(params (SessionKind Kind, string Name, string Steps)[] sessions)
    {
        _baseWeek.AddRange(sessions.Select((s, i) => Session(0, i + 1, s)));
        return this;
    }

    public PlanTemplate Build() => new()
    {
        Id = id,
        Name = name,
        Description = description,
        Goal = goal,
        Weeks = weeks,
        MinimumWeeks = minimumWeeks,
        Sessions = [.. _sessions],
        BaseWeek = [.. _baseWeek],
    };

    private static SessionTemplate Session(int week, int order, (SessionKind Kind, string Name, string Steps) s) =>
        new(week, order, s.Name, s.Kind, StepNotation.Parse(s.Steps));
}

/// <summary>Notation snippets shared by the seed templates.</summary>
internal static class Snippets
{
    public const string Warmup = "15min warmup easy";
    public const string Strides = "4x(20s interval repetition; 60s recovery)";
    public const string Cooldown = "10min cooldown easy";

    public static string Quality(string main) => Warmup + "; " + Strides + "; " + main + "; " + Cooldown;

    public static string Easy(int minutes) => FormattableString.Invariant($"{minutes}min active easy");

    public static string EasyWithStrides(int minutes) => Easy(minutes) + "; " + Strides;

    public static string LongKm(int km) => FormattableString.Invariant($"{km}km active easy \"Conversational pace\"");

    public static string LongMinutes(int minutes) => FormattableString.Invariant($"{minutes}min active easy \"Conversational pace\"");
}
