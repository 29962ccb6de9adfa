using Coopah.Core.Plans;
using Coopah.Core.Plans.Scheduling;

namespace Coopah.Web.Data;

/// <summary>Converts between the stored rows and the Core records the domain logic works on.</summary>
public static class PlanMapping
{
    public static PlanTemplate ToTemplate(this StoredPlan plan) => new()
    {
        Id = plan.Key,
        Name = plan.Name,
        Description = plan.Description,
        Goal = new GoalDistance(plan.GoalKind, plan.GoalMetres),
        Weeks = plan.Weeks,
        MinimumWeeks = plan.MinimumWeeks,
        Sessions = [.. plan.Sessions.Where(s => s.Week >= 1).OrderBy(s => s.Week).ThenBy(s => s.Order).Select(ToTemplate)],
        BaseWeek = [.. plan.Sessions.Where(s => s.Week == 0).OrderBy(s => s.Order).Select(ToTemplate)],
    };

    public static SessionTemplate ToTemplate(this StoredPlanSession session) =>
        new(session.Week, session.Order, session.Name, session.Kind, session.Steps);

    public static StoredPlan ToStored(this PlanTemplate template, DateTime nowUtc) => new()
    {
        Key = template.Id,
        Name = template.Name,
        Description = template.Description,
        GoalKind = template.Goal.Kind,
        GoalMetres = template.Goal.Metres,
        Weeks = template.Weeks,
        MinimumWeeks = template.MinimumWeeks,
        CreatedUtc = nowUtc,
        UpdatedUtc = nowUtc,
        Sessions = [.. template.Sessions.Concat(template.BaseWeek).Select(s => new StoredPlanSession
        {
            Week = s.Week,
            Order = s.Order,
            Name = s.Name,
            Kind = s.Kind,
            Steps = s.Steps,
        })],
    };

    public static ScheduledSession ToScheduled(this RunnerSession session) => new()
    {
        Id = session.Id,
        Date = session.Date,
        Source = session.SourcePlanKey is { } key && session.SourceWeek is { } week && session.SourceOrder is { } order
            ? new TemplateSessionRef(key, week, order)
            : null,
        Name = session.Name,
        Kind = session.Kind,
        Steps = session.Steps,
        PlanWeek = session.PlanWeek,
        EditedByHand = session.EditedByHand,
        // A deleted plan session is a tombstone to the scheduler, exactly like a skipped one.
        Skipped = session.Skipped || session.Deleted,
    };

    public static PersonalPaces Paces(this RunnerGoal goal) => PersonalPaces.FromRace(goal.PaceDistanceMetres, goal.PaceTimeSeconds);

    public static IReadOnlyList<DayOfWeek> RunDayList(int mask) =>
        [.. Enum.GetValues<DayOfWeek>().Where(d => (mask & (1 << (int)d)) != 0)];

    public static int RunDayMask(IEnumerable<DayOfWeek> days) => days.Aggregate(0, (mask, d) => mask | (1 << (int)d));
}
