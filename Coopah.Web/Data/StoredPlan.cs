using Coopah.Core.Plans;

namespace Coopah.Web.Data;

/// <summary>An admin-editable plan template (the database copy of a Core <see cref="PlanTemplate"/>).</summary>
public sealed class StoredPlan
{
    public int Id { get; set; }

    /// <summary>Stable key (e.g. <c>5k-6w</c>) that scheduled sessions point back to; never changes once created.</summary>
    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    public GoalDistanceKind GoalKind { get; set; }

    public double GoalMetres { get; set; }

    public int Weeks { get; set; }

    public int MinimumWeeks { get; set; }

    /// <summary>Archived plans stay for the runners already on them but are not offered for new goals.</summary>
    public bool Archived { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public List<StoredPlanSession> Sessions { get; set; } = [];
}

/// <summary>One session of a stored plan; <see cref="Week"/> 0 is the easy base week.</summary>
public sealed class StoredPlanSession
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public int Week { get; set; }

    public int Order { get; set; }

    public string Name { get; set; } = "";

    public SessionKind Kind { get; set; }

    public IReadOnlyList<StepNode> Steps { get; set; } = [];
}
