using Coopah.Core.Plans;

namespace Coopah.Web.Data;

/// <summary>A session on a runner's calendar, scheduled from a plan or added by the runner.</summary>
public sealed class RunnerSession
{
    public int Id { get; set; }

    public string RunnerId { get; set; } = "";

    public DateOnly Date { get; set; }

    public string Name { get; set; } = "";

    public SessionKind Kind { get; set; }

    public IReadOnlyList<StepNode> Steps { get; set; } = [];

    /// <summary>The template session it came from (key, week, order); all null for a session the runner added.</summary>
    public string? SourcePlanKey { get; set; }

    public int? SourceWeek { get; set; }

    public int? SourceOrder { get; set; }

    public int PlanWeek { get; set; }

    /// <summary>Moved or edited by the runner: re-planning leaves it alone.</summary>
    public bool EditedByHand { get; set; }

    public bool Skipped { get; set; }

    /// <summary>
    /// Deleted by the runner. A plan session is kept as a hidden tombstone (so re-planning does not bring it back);
    /// a session the runner added is removed outright.
    /// </summary>
    public bool Deleted { get; set; }

    public bool AddedByRunner { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }
}
