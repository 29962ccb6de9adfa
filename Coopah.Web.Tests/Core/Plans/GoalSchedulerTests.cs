using Coopah.Core.Plans;
using Coopah.Core.Plans.Scheduling;
using Coopah.Core.Plans.Templates;
using static Coopah.Web.Tests.Core.Plans.SchedulingTestData;

namespace Coopah.Web.Tests.Core.Plans;

public sealed class GoalSchedulerTests
{
    [Theory]
    [InlineData("2026-12-27", 4, 0, 0, "2026-11-30", 15)]
    [InlineData("2026-12-20", 3, 0, 1, "2026-11-30", 11)]
    [InlineData("2027-01-10", 6, 2, 0, "2026-11-30", 19)]
    [InlineData("2026-12-13", 2, 0, 2, "2026-11-30", 7)]
    public void Schedule_PeriodVersusTemplateLength_FitsWeeks(string goal, int weeks, int baseWeeks, int droppedWeeks, string firstDay, int sessions)
    {
        var request = Request(D("2026-11-30"), goal: D(goal));

        var schedule = GoalScheduler.Schedule(request);

        Assert.Equal(weeks, schedule.TotalWeeks);
        Assert.Equal(baseWeeks, schedule.BaseWeeks);
        Assert.Equal(droppedWeeks, schedule.DroppedTemplateWeeks);
        Assert.Equal(D(firstDay), schedule.StartDate);
        Assert.Equal(sessions, schedule.Sessions.Count);
        var race = Assert.Single(schedule.Sessions, s => s.Kind == SessionKind.Race);
        Assert.Equal(D(goal), race.Date);
        Assert.Equal(4, race.Source!.Week);
    }

    [Fact]
    public void Schedule_GoalDateMoreThanAYearAway_FailsNamingTheLatestDate()
    {
        var ex = Assert.Throws<GoalScheduleException>(() => GoalScheduler.Schedule(Request(D("2026-11-30"), goal: D("2029-11-30"))));

        Assert.Equal(ScheduleErrorCodes.GoalTooFar, ex.Code);
        Assert.Contains("on or before Sun 2027-11-28", ex.Message, StringComparison.Ordinal);
        Assert.Equal(D("2027-11-28"), GoalScheduler.LatestGoalDate(D("2026-11-30")));
        Assert.Equal(52, GoalScheduler.Schedule(Request(D("2026-11-30"), goal: D("2027-11-28"))).TotalWeeks);
    }

    [Fact]
    public void Schedule_PeriodLongerThanPlan_SaysTheBaseWeekRepeats()
    {
        var schedule = GoalScheduler.Schedule(Request(D("2026-11-30"), goal: D("2027-01-10")));

        Assert.Contains("the 2 week(s) before it repeat its easy base week", Assert.Single(schedule.Messages), StringComparison.Ordinal);
    }

    [Fact]
    public void Schedule_EqualPeriod_PlacesSessionsOnExpectedDays()
    {
        var schedule = GoalScheduler.Schedule(Request(D("2026-11-30"), goal: D("2026-12-27")));

        var week1 = schedule.Sessions.Where(s => s.PlanWeek == 1).Select(s => (s.Date, s.Name)).ToList();
        Assert.Equal(
            [(D("2026-12-01"), "Intervals"), (D("2026-12-03"), "Tempo"), (D("2026-12-05"), "Easy"), (D("2026-12-06"), "Long")],
            week1);
        var week4 = schedule.Sessions.Where(s => s.PlanWeek == 4).Select(s => (s.Date, s.Name)).ToList();
        Assert.Equal([(D("2026-12-22"), "Sharpener"), (D("2026-12-24"), "Easy"), (D("2026-12-27"), "Race")], week4);
        Assert.Empty(schedule.Messages);
    }

    [Fact]
    public void Schedule_LongerPeriod_PrependsBaseWeeksWithNonPositiveWeekNumbers()
    {
        var schedule = GoalScheduler.Schedule(Request(D("2026-11-30"), goal: D("2027-01-10")));

        var baseSessions = schedule.Sessions.Where(s => s.PlanWeek <= 2).ToList();
        Assert.Equal(4, baseSessions.Count);
        Assert.All(baseSessions, s => Assert.False(s.Kind.IsHard()));
        Assert.Equal([-1, -1, 0, 0], baseSessions.Select(s => s.Source!.Week));
        Assert.Equal(D("2026-12-15"), schedule.Sessions.First(s => s.Source!.Week == 1).Date);
    }

    [Fact]
    public void Schedule_ShorterPeriod_DropsEarliestTemplateWeeks()
    {
        var schedule = GoalScheduler.Schedule(Request(D("2026-11-30"), goal: D("2026-12-20")));

        Assert.Equal([2, 3, 4], schedule.Sessions.Select(s => s.Source!.Week).Distinct());
        Assert.Equal(D("2026-12-01"), schedule.Sessions[0].Date);
    }

    [Theory]
    [InlineData("2026-12-06", "2026-12-13")]
    [InlineData("2026-12-12", "2026-12-13")]
    [InlineData("2026-11-30", "2026-12-13")]
    public void Schedule_PeriodBelowTemplateMinimum_ThrowsWithEarliestGoalDate(string goal, string earliest)
    {
        var ex = Assert.Throws<GoalScheduleException>(() => GoalScheduler.Schedule(Request(D("2026-11-30"), goal: D(goal))));

        Assert.Equal(ScheduleErrorCodes.PeriodTooShort, ex.Code);
        Assert.Contains("needs at least 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("on or after Sun " + earliest, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schedule_GoalDateToday_ThrowsPeriodTooShort()
    {
        var today = D("2026-12-27");

        var ex = Assert.Throws<GoalScheduleException>(() => GoalScheduler.Schedule(Request(today, goal: today)));

        Assert.Equal(ScheduleErrorCodes.PeriodTooShort, ex.Code);
        Assert.Contains("holds 0 full week(s)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schedule_GoalDateTodayWithOneWeekMinimum_StillThrowsPeriodTooShort()
    {
        var today = D("2026-12-27");
        var template = Template with { Id = "one", MinimumWeeks = 1 };

        var ex = Record.Exception(() => GoalScheduler.Schedule(Request(today, goal: today, template: template)));

        var typed = Assert.IsType<GoalScheduleException>(ex);
        Assert.Equal(ScheduleErrorCodes.PeriodTooShort, typed.Code);
    }

    [Fact]
    public void Schedule_StartsMidWeek_LeavesOutSessionsBeforeStartAndSaysSo()
    {
        var schedule = GoalScheduler.Schedule(Request(D("2026-12-02"), goal: D("2026-12-27")));

        Assert.Equal(D("2026-11-30"), schedule.StartDate);
        Assert.All(schedule.Sessions, s => Assert.True(s.Date >= D("2026-12-02")));
        var dropped = Assert.Single(schedule.Dropped);
        Assert.Equal(("Easy", DropReason.BeforeStart), (dropped.Name, dropped.Reason));
        Assert.Contains(schedule.Messages, m => m.Contains("mid-week", StringComparison.Ordinal) && m.Contains("'Easy'", StringComparison.Ordinal));
        Assert.Equal(["Intervals", "Tempo", "Long"], schedule.Sessions.Where(s => s.PlanWeek == 1).Select(s => s.Name));
    }

    [Fact]
    public void Schedule_TwoRunDays_DropsLowestPriorityAndNamesThem()
    {
        var request = Request(D("2026-11-30"), goal: D("2026-12-27"), runDays: [DayOfWeek.Saturday, DayOfWeek.Sunday]);

        var schedule = GoalScheduler.Schedule(request);

        Assert.Equal(8, schedule.Sessions.Count);
        Assert.Equal(7, schedule.Dropped.Count);
        Assert.All(schedule.Dropped, d => Assert.Equal(DropReason.FewerRunDaysThanSessions, d.Reason));
        Assert.Equal(["Easy", "Tempo"], schedule.Dropped.Where(d => d.PlanWeek == 1).Select(d => d.Name));
        Assert.All(schedule.Sessions, s => Assert.Contains(s.Date.DayOfWeek, new[] { DayOfWeek.Saturday, DayOfWeek.Sunday }));
        var message = schedule.Messages[0];
        Assert.Contains("You run on 2 day(s) a week", message, StringComparison.Ordinal);
        Assert.Contains("week 1: 'Easy' (easy), 'Tempo' (tempo)", message, StringComparison.Ordinal);
        Assert.Contains(schedule.Messages, m => m.Contains("back to back", StringComparison.Ordinal));
    }

    [Fact]
    public void Schedule_LongRunDayNotARunDay_Throws()
    {
        var request = Request(D("2026-11-30"), goal: D("2026-12-27"), longRunDay: DayOfWeek.Monday);

        var ex = Assert.Throws<GoalScheduleException>(() => GoalScheduler.Schedule(request));

        Assert.Equal(ScheduleErrorCodes.LongRunDayNotRunDay, ex.Code);
        Assert.Contains("Monday", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schedule_GoalOnLeapDay_AlignsLastWeekToFebruary29()
    {
        var schedule = GoalScheduler.Schedule(Request(D("2028-02-02"), goal: D("2028-02-29")));

        Assert.Equal(4, schedule.TotalWeeks);
        Assert.Equal(D("2028-02-02"), schedule.StartDate);
        Assert.Equal(D("2028-02-29"), schedule.Sessions.Single(s => s.Kind == SessionKind.Race).Date);
        Assert.Equal([D("2028-02-06"), D("2028-02-13"), D("2028-02-20")], schedule.Sessions.Where(s => s.Kind == SessionKind.Long).Select(s => s.Date));
        Assert.All(schedule.Sessions, s => Assert.Equal(2, s.Date.Month));
    }

    [Fact]
    public void Schedule_GoalDateNotARunDay_StillPutsRaceOnGoalDate()
    {
        var schedule = GoalScheduler.Schedule(Request(D("2026-11-30"), goal: D("2026-12-28")));

        Assert.Equal(DayOfWeek.Monday, D("2026-12-28").DayOfWeek);
        Assert.Equal(D("2026-12-28"), schedule.Sessions.Single(s => s.Kind == SessionKind.Race).Date);
        Assert.All(schedule.Sessions.Where(s => s.Kind != SessionKind.Race), s => Assert.Contains(s.Date.DayOfWeek, TueThuSatSun));
    }

    [Fact]
    public void Schedule_WeeksAcrossLeapDay_EndsOnMarch4()
    {
        var schedule = GoalScheduler.Schedule(Request(D("2028-02-20"), weeks: 2));

        Assert.Equal(D("2028-03-04"), schedule.GoalDate);
        Assert.Equal(D("2028-03-04"), schedule.Sessions.Single(s => s.Kind == SessionKind.Race).Date);
        Assert.Contains(schedule.Sessions, s => s.Date == D("2028-02-29"));
    }

    [Fact]
    public void Schedule_WeeksAndStartDate_EqualsGoalDateMode()
    {
        var byWeeks = GoalScheduler.Schedule(Request(D("2026-11-30"), weeks: 4));
        var byDate = GoalScheduler.Schedule(Request(D("2026-11-30"), goal: D("2026-12-27")));

        Assert.Equal(byDate.GoalDate, byWeeks.GoalDate);
        Assert.Equal(byDate.Sessions.Select(s => (s.Date, s.Source)), byWeeks.Sessions.Select(s => (s.Date, s.Source)));
    }

    [Theory]
    [InlineData("2026-12-27", 4, ScheduleErrorCodes.InvalidRequest)]
    [InlineData(null, null, ScheduleErrorCodes.InvalidRequest)]
    [InlineData("2026-11-29", null, ScheduleErrorCodes.GoalInPast)]
    [InlineData(null, 0, ScheduleErrorCodes.InvalidRequest)]
    public void Schedule_InvalidPeriod_ThrowsWithCode(string? goal, int? weeks, string code)
    {
        var request = Request(D("2026-11-30"), goal: goal is null ? null : D(goal), weeks: weeks);

        var ex = Assert.Throws<GoalScheduleException>(() => GoalScheduler.Schedule(request));

        Assert.Equal(code, ex.Code);
    }

    [Fact]
    public void Schedule_StartDateInPast_Throws()
    {
        var request = Request(D("2026-11-30"), weeks: 4) with { StartDate = D("2026-11-01") };

        var ex = Assert.Throws<GoalScheduleException>(() => GoalScheduler.Schedule(request));

        Assert.Equal(ScheduleErrorCodes.StartInPast, ex.Code);
    }

    [Fact]
    public void Schedule_NoRunDays_Throws()
    {
        var request = Request(D("2026-11-30"), weeks: 4, runDays: []);

        var ex = Assert.Throws<GoalScheduleException>(() => GoalScheduler.Schedule(request));

        Assert.Equal(ScheduleErrorCodes.NoRunDays, ex.Code);
    }

    [Fact]
    public void Schedule_ConsecutiveRunDays_KeepsHardSessionsApart()
    {
        DayOfWeek[] days = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Sunday];

        var schedule = GoalScheduler.Schedule(Request(D("2026-11-30"), goal: D("2026-12-27"), runDays: days));

        var hard = schedule.Sessions.Where(s => s.Kind.IsHard()).Select(s => s.Date).Order().ToList();
        Assert.DoesNotContain(hard.Zip(hard.Skip(1)), p => p.Second.DayNumber - p.First.DayNumber == 1);
        Assert.DoesNotContain(schedule.Messages, m => m.Contains("back to back", StringComparison.Ordinal));
    }

    public static TheoryData<string> SeedTemplateIds => [.. PlanTemplates.All.Select(t => t.Id)];

    [Theory]
    [MemberData(nameof(SeedTemplateIds))]
    public void Schedule_SeedTemplateOnFiveDays_PlacesEverySessionWithoutBackToBackHardDays(string id)
    {
        var template = PlanTemplates.Find(id)!;
        DayOfWeek[] days = [DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Saturday, DayOfWeek.Sunday];
        var today = D("2027-01-04");

        var schedule = GoalScheduler.Schedule(Request(today, weeks: template.Weeks, runDays: days, template: template));

        Assert.Equal(template.Sessions.Count, schedule.Sessions.Count);
        Assert.Empty(schedule.Dropped);
        Assert.Empty(schedule.Messages);
        Assert.All(schedule.Sessions.Where(s => s.Kind == SessionKind.Long), s => Assert.Equal(DayOfWeek.Sunday, s.Date.DayOfWeek));
        Assert.All(schedule.Sessions.Where(s => s.Kind != SessionKind.Race), s => Assert.Contains(s.Date.DayOfWeek, days));
        Assert.Equal(schedule.GoalDate, schedule.Sessions[^1].Date);
        var hard = schedule.Sessions.Where(s => s.Kind.IsHard()).Select(s => s.Date).ToList();
        Assert.DoesNotContain(hard.Zip(hard.Skip(1)), p => p.Second.DayNumber - p.First.DayNumber == 1);
    }
}
