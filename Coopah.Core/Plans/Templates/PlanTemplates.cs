namespace Coopah.Core.Plans.Templates;

/// <summary>The seed templates, written in the step notation (see docs/PLAN-NOTATION.md).</summary>
public static class PlanTemplates
{
    private static readonly Lazy<IReadOnlyList<PlanTemplate>> AllTemplates = new(() =>
    [
        FiveKSixWeeks.Create(),
        TenKSixWeeks.Create(),
        HalfMarathonTwelveWeeks.Create(),
        MarathonEighteenWeeks.Create(),
    ]);

    /// <summary>5 km in 6 weeks, 10 km in 6 weeks, half marathon in 12 weeks, marathon in 18 weeks.</summary>
    public static IReadOnlyList<PlanTemplate> All => AllTemplates.Value;

    /// <summary>The seed template for a standard goal distance, or null for custom distances.</summary>
    public static PlanTemplate? ForGoal(GoalDistanceKind goal) => All.FirstOrDefault(t => t.Goal.Kind == goal);

    /// <summary>The seed template with this id, or null.</summary>
    public static PlanTemplate? Find(string id) => All.FirstOrDefault(t => t.Id == id);
}
