using Coopah.Core.Plans;

namespace Coopah.Web.Data;

/// <summary>Where personal paces come from.</summary>
public enum PaceSource
{
    RecentRace,
    GoalTime,
}

/// <summary>A runner's current goal (one per runner) and what their schedule was built from.</summary>
public sealed class RunnerGoal
{
    public int Id { get; set; }

    public string RunnerId { get; set; } = "";

    public int PlanId { get; set; }

    public StoredPlan? Plan { get; set; }

    public GoalDistanceKind GoalKind { get; set; }

    public double GoalMetres { get; set; }

    /// <summary>Either a goal date or a number of weeks (counted from <see cref="StartDate"/>).</summary>
    public DateOnly? GoalDate { get; set; }

    public int? Weeks { get; set; }

    public DateOnly StartDate { get; set; }

    /// <summary>Run days as a bit mask over <see cref="DayOfWeek"/> (bit 0 = Sunday).</summary>
    public int RunDays { get; set; }

    public DayOfWeek LongRunDay { get; set; }

    public PaceSource PaceSource { get; set; }

    /// <summary>The race (or goal) distance and time the personal paces are derived from.</summary>
    public double PaceDistanceMetres { get; set; }

    public int PaceTimeSeconds { get; set; }

    /// <summary>IANA/Windows time zone id for the runner's "today"; null means UTC.</summary>
    public string? TimeZoneId { get; set; }

    public DateTime UpdatedUtc { get; set; }
}
