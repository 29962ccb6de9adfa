using Coopah.Core.Plans;
using Coopah.Core.Plans.Scheduling;

namespace Coopah.Web.Tests.Core.Plans;

/// <summary>A small four-week template (minimum two) whose placement is easy to reason about.</summary>
internal static class SchedulingTestData
{
    public static readonly DayOfWeek[] TueThuSatSun = [DayOfWeek.Tuesday, DayOfWeek.Thursday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static PlanTemplate Template { get; } = Build();

    public static GoalScheduleRequest Request(
        DateOnly today,
        DateOnly? goal = null,
        int? weeks = null,
        IReadOnlyCollection<DayOfWeek>? runDays = null,
        DayOfWeek longRunDay = DayOfWeek.Sunday,
        PlanTemplate? template = null) => new()
        {
            Template = template ?? Template,
            GoalDate = goal,
            Weeks = weeks,
            RunDays = runDays ?? TueThuSatSun,
            LongRunDay = longRunDay,
            Today = today,
        };

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static PlanTemplate Build()
    {
        var sessions = new List<SessionTemplate>();
        for (var week = 1; week <= 3; week++)
        {
            sessions.Add(new(week, 1, "Intervals", SessionKind.Intervals, StepNotation.Parse("10min warmup easy; 5x(1km interval interval; 2min recovery); 10min cooldown easy")));
            sessions.Add(new(week, 2, "Easy", SessionKind.Easy, StepNotation.Parse("40min active easy")));
            sessions.Add(new(week, 3, "Tempo", SessionKind.Tempo, StepNotation.Parse("10min warmup easy; 20min active threshold; 10min cooldown easy")));
            sessions.Add(new(week, 4, "Long", SessionKind.Long, StepNotation.Parse("15km active easy")));
        }

        sessions.Add(new(4, 1, "Sharpener", SessionKind.Intervals, StepNotation.Parse("10min warmup easy; 4x(400m interval interval; 90s recovery); 10min cooldown easy")));
        sessions.Add(new(4, 2, "Easy", SessionKind.Easy, StepNotation.Parse("30min active easy")));
        sessions.Add(new(4, 3, "Race", SessionKind.Race, StepNotation.Parse("10min warmup easy; 10km active threshold")));

        return new PlanTemplate
        {
            Id = "test-4w",
            Name = "Test 4 weeks",
            Goal = GoalDistance.TenK,
            Weeks = 4,
            MinimumWeeks = 2,
            Sessions = sessions,
            BaseWeek =
            [
                new(0, 1, "Base easy", SessionKind.Easy, StepNotation.Parse("30min active easy")),
                new(0, 2, "Base long", SessionKind.Long, StepNotation.Parse("60min active easy")),
            ],
        };
    }
}
