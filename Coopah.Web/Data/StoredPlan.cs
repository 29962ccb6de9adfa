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

    /// <summary>Only published plans are offered to runners; a new or copied plan is a draft until it passes <see cref="PlanValidator.ValidatePublishable"/>.</summary>
    public bool Published { get; private set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public List<StoredPlanSession> Sessions { get; set; } = [];

    /// <summary>Publishes the plan when it is complete; otherwise leaves it a draft and returns what is missing.</summary>
    public IReadOnlyList<ValidationIssue> Publish(DateTime nowUtc)
    {
        var issues = PlanValidator.ValidatePublishable(this.ToTemplate());
        if (issues.Count == 0)
        {
            Published = true;
            UpdatedUtc = nowUtc;
        }

        return issues;
    }

    /// <summary>Takes the plan back to draft: runners already on it keep it, new goals no longer get it.</summary>
    public void Unpublish(DateTime nowUtc)
    {
        Published = false;
        UpdatedUtc = nowUtc;
    }
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
