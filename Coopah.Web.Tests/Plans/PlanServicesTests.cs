using Coopah.Core.Plans;
using Coopah.Core.Plans.Templates;
using Coopah.Web.Data;
using Coopah.Web.Plans;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Plans;

/// <summary>The plan services against the real host's database (each test uses its own fresh runner).</summary>
public sealed class PlanServicesTests(CoopahWebApplicationFactory factory) : IClassFixture<CoopahWebApplicationFactory>
{
    private PlanLibrary Library => factory.Services.GetRequiredService<PlanLibrary>();

    private RunnerCalendar Calendar => factory.Services.GetRequiredService<RunnerCalendar>();

    [Fact]
    public async Task Initialize_EmptyTable_SeedsTheFourTemplates()
    {
        var plans = await Library.ListAsync();

        Assert.Equal(PlanTemplates.All.Select(t => t.Id).Order(), plans.Select(p => p.Key).Where(k => !k.StartsWith("plan-", StringComparison.Ordinal)).Order());
        var fiveK = await Library.GetAsync(plans.First(p => p.Key == "5k-6w").Id);
        Assert.Equal(Describe(PlanTemplates.Find("5k-6w")!.Sessions), Describe(fiveK!.Template.Sessions));
    }

    [Fact]
    public async Task Duplicate_ThenArchive_CopyIsHiddenFromDefaultListButSearchable()
    {
        var source = (await Library.ListAsync()).First(p => p.Key == "10k-6w");

        var copyId = await Library.DuplicateAsync(source.Id);
        await Library.SetArchivedAsync(copyId!.Value, archived: true);

        Assert.DoesNotContain(await Library.ListAsync(), p => p.Id == copyId);
        var found = await Library.ListAsync("copy of 10", includeArchived: true);
        var copy = Assert.Single(found, p => p.Id == copyId);
        Assert.True(copy.Archived);
        Assert.Equal(source.SessionCount, copy.SessionCount);
    }

    [Theory]
    [InlineData(2000, 6, ValidationCodes.PlanName)]
    [InlineData(0, 6, ValidationCodes.PlanName)]
    [InlineData(10, -3, ValidationCodes.PlanWeeks)]
    [InlineData(10, 0, ValidationCodes.PlanWeeks)]
    [InlineData(10, 500, ValidationCodes.PlanWeeks)]
    public async Task Create_NameOrWeeksOutOfRange_ReturnsFieldIssueAndCreatesNothing(int nameLength, int weeks, string code)
    {
        var before = (await Library.ListAsync(includeArchived: true)).Count;

        var result = await Library.CreateAsync(new string('x', nameLength), GoalDistance.FiveK, weeks);

        Assert.Null(result.Id);
        Assert.Equal(code, Assert.Single(result.Issues).Code);
        Assert.Equal(before, (await Library.ListAsync(includeArchived: true)).Count);
    }

    [Fact]
    public async Task Create_ValidPlan_IsADraftNotOfferedToRunners()
    {
        var id = (await Library.CreateAsync("Draft 10 km", GoalDistance.TenK, 3)).Id!.Value;

        Assert.False(Assert.Single(await Library.ListAsync("Draft 10 km")).Published);
        Assert.DoesNotContain(await Library.ListOfferedAsync(), p => p.Id == id);
        Assert.All(await Library.ListOfferedAsync(), p => Assert.True(p.Published));
        Assert.Equal(PlanTemplates.All.Count, (await Library.ListOfferedAsync()).Count(p => !p.Key.StartsWith("plan-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Publish_EmptyWeek_StaysDraftAndSaysWhichWeek()
    {
        var id = (await Library.CreateAsync("Half-empty plan", GoalDistance.FiveK, 2)).Id!.Value;
        var plan = (await Library.GetAsync(id))!.Template.WithSessionAdded(1, "Easy", SessionKind.Easy, StepNotation.Parse("30min active easy"));
        Assert.True((await Library.SaveAsync(id, plan)).Succeeded);

        var result = await Library.SetPublishedAsync(id, published: true);

        Assert.False(result.Succeeded);
        Assert.Equal("Week 2 has no sessions.", Assert.Single(result.Issues, i => i.Code == ValidationCodes.EmptyWeek).Message);
        Assert.False((await Library.GetAsync(id))!.Published);
    }

    [Fact]
    public async Task Publish_CompletePlan_IsOfferedAndThenKeepsEveryWeekFilled()
    {
        var id = (await Library.CreateAsync("Complete plan", GoalDistance.FiveK, 1)).Id!.Value;
        var plan = (await Library.GetAsync(id))!.Template.WithSessionAdded(1, "Easy", SessionKind.Easy, StepNotation.Parse("30min active easy"));
        Assert.True((await Library.SaveAsync(id, plan)).Succeeded);

        Assert.True((await Library.SetPublishedAsync(id, published: true)).Succeeded);
        var emptied = await Library.SaveAsync(id, plan.WithoutSession(1, 1));

        Assert.Contains(await Library.ListOfferedAsync(), p => p.Id == id);
        Assert.False(emptied.Succeeded);
        Assert.Contains(emptied.Issues, i => i.Code == ValidationCodes.EmptyWeek);
        Assert.Single((await Library.GetAsync(id))!.Template.Sessions);
    }

    [Fact]
    public async Task SetGoal_DraftPlanChosenById_FailsAndSchedulesNothing()
    {
        var id = (await Library.DuplicateAsync((await Library.ListAsync()).First(p => p.Key == "5k-6w").Id))!.Value;
        var runner = await NewRunnerAsync();

        var result = await Calendar.SetGoalAsync(runner, new GoalInput
        {
            Goal = GoalDistance.FiveK,
            PlanId = id,
            Weeks = 6,
            RunDays = [DayOfWeek.Tuesday, DayOfWeek.Thursday, DayOfWeek.Sunday],
            LongRunDay = DayOfWeek.Sunday,
            PaceSource = PaceSource.GoalTime,
            TimeSeconds = 25 * 60,
        });

        Assert.False(result.Succeeded);
        Assert.Null(await Calendar.GetGoalAsync(runner));
    }

    [Fact]
    public async Task Save_InvalidStepTree_WritesNothingAndReturnsIssue()
    {
        var id = (await Library.CreateAsync("Invalid test plan", GoalDistance.FiveK, 2)).Id!.Value;
        var plan = (await Library.GetAsync(id))!.Template;
        var bad = plan with { Sessions = [new SessionTemplate(1, 1, "Bad", SessionKind.Intervals, StepNotation.Parse("lap interval"))] };

        var result = await Library.SaveAsync(id, bad);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Issues, i => i.Code == ValidationCodes.IntervalWithoutMeasure);
        Assert.Empty((await Library.GetAsync(id))!.Template.Sessions);
    }

    [Theory]
    [InlineData(121)]
    [InlineData(0)]
    public async Task Save_SessionNameEmptyOrLongerThan120_WritesNothingAndSaysWhichSession(int length)
    {
        var id = (await Library.CreateAsync("Session name plan", GoalDistance.FiveK, 2)).Id!.Value;
        var plan = (await Library.GetAsync(id))!.Template;
        var named = plan with { Sessions = [new SessionTemplate(2, 1, new string('s', length), SessionKind.Easy, StepNotation.Parse("30min active easy"))] };

        var result = await Library.SaveAsync(id, named);

        Assert.False(result.Succeeded);
        Assert.StartsWith(length == 0 ? "Week 2, session 1 needs a name" : "The name of week 2, session 1 is 121 characters long; at most 120",
            Assert.Single(result.Issues, i => i.Code == ValidationCodes.SessionName).Message, StringComparison.Ordinal);
        Assert.Empty((await Library.GetAsync(id))!.Template.Sessions);
    }

    [Fact]
    public async Task Save_ValidPlan_RoundTripsSessions()
    {
        var id = (await Library.CreateAsync("Round trip", GoalDistance.TenK, 2)).Id!.Value;
        var plan = (await Library.GetAsync(id))!.Template;
        SessionTemplate[] sessions =
        [
            new(1, 1, "Intervals", SessionKind.Intervals, StepNotation.Parse("10min warmup easy; 6x(800m interval @ 3:50-4:00/km; 90s recovery); 10min cooldown")),
            new(2, 1, "Long", SessionKind.Long, StepNotation.Parse("1h active easy")),
        ];

        var result = await Library.SaveAsync(id, plan with { Name = "Round trip 2", Sessions = sessions });

        Assert.True(result.Succeeded);
        var back = (await Library.GetAsync(id))!.Template;
        Assert.Equal("Round trip 2", back.Name);
        Assert.Equal(Describe(sessions), Describe(back.Sessions));
    }

    [Fact]
    public async Task SetGoal_NewRunner_SchedulesSessionsAndStoresPaces()
    {
        var runner = await NewRunnerAsync();
        var today = await Calendar.TodayAsync(runner);

        var preview = await Calendar.PreviewGoalAsync(runner, Goal(today.AddDays(41)));
        var saved = await Calendar.SetGoalAsync(runner, Goal(today.AddDays(41)));

        Assert.True(saved.Succeeded, saved.Error);
        Assert.Equal(preview.Diff!.Added, saved.Diff!.Added);
        Assert.True(saved.Diff.Added > 10);
        var sessions = await Calendar.GetSessionsAsync(runner, today, today.AddDays(60));
        Assert.Equal(saved.Diff.Added, sessions.Count);
        // Race day is the goal date whatever the run days; everything else sits on a run day.
        Assert.All(sessions.Where(s => s.Kind != SessionKind.Race), s => Assert.Contains(s.Date.DayOfWeek, new[] { DayOfWeek.Tuesday, DayOfWeek.Thursday, DayOfWeek.Saturday, DayOfWeek.Sunday }));
        var goal = await Calendar.GetGoalAsync(runner);
        Assert.Equal(5000, goal!.PaceDistanceMetres);
        Assert.Equal(20 * 60, goal.PaceTimeSeconds);
    }

    [Fact]
    public async Task SetGoal_ChangedAfterHandEdit_KeepsEditedSession()
    {
        var runner = await NewRunnerAsync();
        var today = await Calendar.TodayAsync(runner);
        await Calendar.SetGoalAsync(runner, Goal(today.AddDays(41)));
        var session = (await Calendar.GetSessionsAsync(runner, today.AddDays(7), today.AddDays(60))).First();
        var steps = StepNotation.Parse("45min active easy");
        await Calendar.UpdateSessionAsync(runner, session.Id, new SessionEdit(session.Date.AddDays(1), "My own run", session.Kind, steps));

        var preview = await Calendar.PreviewGoalAsync(runner, Goal(today.AddDays(55)));
        var result = await Calendar.SetGoalAsync(runner, Goal(today.AddDays(55)));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(preview.Diff!.ChangedCount, result.Diff!.ChangedCount);
        Assert.True(result.Diff.ChangedCount > 0);
        Assert.Equal(1, result.Diff.KeptByHand);
        var kept = await Calendar.GetSessionAsync(runner, session.Id);
        Assert.NotNull(kept);
        Assert.Equal("My own run", kept.Name);
        Assert.Equal(session.Date.AddDays(1), kept.Date);
        Assert.True(kept.EditedByHand);
        Assert.Equal(steps, kept.Steps);
    }

    [Fact]
    public async Task SetGoal_SameGoalTwice_ChangesNothing()
    {
        var runner = await NewRunnerAsync();
        var today = await Calendar.TodayAsync(runner);
        await Calendar.SetGoalAsync(runner, Goal(today.AddDays(41)));

        var before = await Calendar.GetSessionsAsync(runner, today, today.AddDays(60));

        var preview = await Calendar.PreviewGoalAsync(runner, Goal(today.AddDays(41)));
        var result = await Calendar.SetGoalAsync(runner, Goal(today.AddDays(41)));

        Assert.Equal(0, preview.Diff!.ChangedCount);
        Assert.Equal(0, result.Diff!.ChangedCount);
        // Untouched rows are not rewritten, so nothing looks changed to the coming Garmin sync.
        var after = await Calendar.GetSessionsAsync(runner, today, today.AddDays(60));
        Assert.Equal(before.Select(s => (s.Id, s.UpdatedUtc)), after.Select(s => (s.Id, s.UpdatedUtc)));
    }

    [Fact]
    public async Task SetGoal_TooShortPeriod_FailsWithMessageAndSavesNothing()
    {
        var runner = await NewRunnerAsync();
        var today = await Calendar.TodayAsync(runner);

        var result = await Calendar.SetGoalAsync(runner, Goal(today.AddDays(6)));

        Assert.False(result.Succeeded);
        Assert.Contains("needs at least", result.Error, StringComparison.Ordinal);
        Assert.Null(await Calendar.GetGoalAsync(runner));
    }

    [Fact]
    public async Task SetGoal_ImplausibleRaceTime_FailsWithReadableMessage()
    {
        var runner = await NewRunnerAsync();
        var today = await Calendar.TodayAsync(runner);

        var result = await Calendar.SetGoalAsync(runner, Goal(today.AddDays(41)) with { TimeSeconds = 60 });

        Assert.False(result.Succeeded);
        Assert.Equal("Race pace must be between 2:00 and 15:00 per km.", result.Error);
    }

    [Fact]
    public async Task SkipDeleteAndAdd_OwnSessions_UpdateTheCalendar()
    {
        var runner = await NewRunnerAsync();
        var today = await Calendar.TodayAsync(runner);
        await Calendar.SetGoalAsync(runner, Goal(today.AddDays(41)));
        var sessions = await Calendar.GetSessionsAsync(runner, today, today.AddDays(60));

        await Calendar.SetSkippedAsync(runner, sessions[0].Id, skipped: true);
        await Calendar.DeleteSessionAsync(runner, sessions[1].Id);
        var added = await Calendar.AddSessionAsync(runner, new SessionEdit(today, "Parkrun", SessionKind.Race, StepNotation.Parse("5km active @ 4:00/km")));

        Assert.True(added.Succeeded);
        Assert.True((await Calendar.GetSessionAsync(runner, sessions[0].Id))!.Skipped);
        Assert.Null(await Calendar.GetSessionAsync(runner, sessions[1].Id));
        var extra = await Calendar.GetSessionAsync(runner, added.SessionId!.Value);
        Assert.True(extra!.AddedByRunner);
        // A deleted plan session stays a tombstone, so re-planning with the same goal does not bring it back.
        var replan = await Calendar.PreviewGoalAsync(runner, Goal(today.AddDays(41)));
        Assert.Equal(0, replan.Diff!.Added);
    }

    [Fact]
    public async Task Sessions_OfAnotherRunner_AreInvisibleAndUnchangeable()
    {
        var owner = await NewRunnerAsync();
        var other = await NewRunnerAsync();
        var today = await Calendar.TodayAsync(owner);
        await Calendar.SetGoalAsync(owner, Goal(today.AddDays(41)));
        var session = (await Calendar.GetSessionsAsync(owner, today, today.AddDays(60)))[0];

        Assert.Null(await Calendar.GetSessionAsync(other, session.Id));
        Assert.False((await Calendar.DeleteSessionAsync(other, session.Id)).Succeeded);
        Assert.False((await Calendar.MoveSessionAsync(other, session.Id, today)).Succeeded);
        Assert.NotNull(await Calendar.GetSessionAsync(owner, session.Id));
    }

    [Fact]
    public async Task UpdateSession_InvalidSteps_ReturnsErrorsAndKeepsSession()
    {
        var runner = await NewRunnerAsync();
        var today = await Calendar.TodayAsync(runner);
        var added = await Calendar.AddSessionAsync(runner, new SessionEdit(today, "Easy", SessionKind.Easy, StepNotation.Parse("30min active easy")));

        var result = await Calendar.UpdateSessionAsync(runner, added.SessionId!.Value, new SessionEdit(today, "Easy", SessionKind.Easy, StepNotation.Parse("0x(lap interval)")));

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Contains("Repeat count 0", StringComparison.Ordinal));
        Assert.Equal(StepNotation.Parse("30min active easy"), (await Calendar.GetSessionAsync(runner, added.SessionId.Value))!.Steps);
    }

    // SessionTemplate compares its step list by reference, so compare the notation instead.
    private static List<string> Describe(IEnumerable<SessionTemplate> sessions) =>
        [.. sessions.Select(s => $"{s.Week}/{s.Order} {s.Name} {s.Kind}: {StepNotation.Format(s.Steps)}")];

    private static GoalInput Goal(DateOnly goalDate) => new()
    {
        Goal = GoalDistance.FiveK,
        GoalDate = goalDate,
        RunDays = [DayOfWeek.Tuesday, DayOfWeek.Thursday, DayOfWeek.Saturday, DayOfWeek.Sunday],
        LongRunDay = DayOfWeek.Sunday,
        PaceSource = PaceSource.RecentRace,
        RaceDistanceMetres = 5000,
        TimeSeconds = 20 * 60,
    };

    private async Task<string> NewRunnerAsync()
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"svc-{Guid.NewGuid():N}@example.com";
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, "Runner!2026svc")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, "Runner")).Succeeded);
        return user.Id;
    }
}
