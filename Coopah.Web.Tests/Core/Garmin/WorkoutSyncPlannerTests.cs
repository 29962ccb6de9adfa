using Coopah.Core.Garmin;
using Coopah.Core.Garmin.Sync;
using static Coopah.Web.Tests.Core.Plans.SchedulingTestData;

namespace Coopah.Web.Tests.Core.Garmin;

public sealed class WorkoutSyncPlannerTests
{
    private static readonly SyncHorizon Horizon = SyncHorizon.Of(D("2026-12-01"), 14);

    private static readonly DateOnly Day = D("2026-12-03");

    private sealed record Case(DesiredSession? Session, HeldWorkout? Held, WorkoutSyncAction? Expected);

    private static HeldWorkout Synced(DateOnly? date = null, string hash = "h1") => new(7, 100, 200, date ?? Day, hash, HeldWorkoutState.Synced);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["new session"] = new(new(7, Day, true, "h1"), null, Push(PushSteps.CreateWorkout | PushSteps.CreateSchedule)),
        ["already in sync"] = new(new(7, Day, true, "h1"), Synced(), null),
        ["changed content"] = new(new(7, Day, true, "h2"), Synced(), Push(PushSteps.UpdateWorkout)),
        ["moved date"] = new(new(7, D("2026-12-05"), true, "h1"), Synced(), Push(PushSteps.UpdateSchedule)),
        ["changed and moved"] = new(new(7, D("2026-12-05"), true, "h2"), Synced(), Push(PushSteps.UpdateWorkout | PushSteps.UpdateSchedule)),
        ["workout without schedule"] = new(new(7, Day, true, "h1"), new(7, 100, null, null, "h1", HeldWorkoutState.Pending), Push(PushSteps.CreateSchedule)),
        ["current on Garmin, state behind"] = new(new(7, Day, true, "h1"), Synced() with { State = HeldWorkoutState.Failed }, Push(PushSteps.None)),
        ["deleted session"] = new(new(7, Day, false), Synced(), new(7, WorkoutSyncActionKind.Remove)),
        ["deleted, never pushed"] = new(new(7, Day, false), null, null),
        ["moved past the horizon"] = new(new(7, D("2026-12-15"), true), Synced(), new(7, WorkoutSyncActionKind.Remove)),
        ["beyond the horizon, never pushed"] = new(new(7, D("2026-12-15"), true), null, null),
        ["last day of the horizon"] = new(new(7, D("2026-12-14"), true, "h1"), null, Push(PushSteps.CreateWorkout | PushSteps.CreateSchedule)),
        ["slipped into the past stays"] = new(new(7, D("2026-11-30"), true), Synced(D("2026-11-30")), null),
        ["session row gone"] = new(null, Synced(), new(7, WorkoutSyncActionKind.Remove)),
        ["refused content unchanged waits"] = new(new(7, Day, true, "h1"), new(7, null, null, Day, "h1", HeldWorkoutState.Failed), null),
        ["refused content edited retries"] = new(new(7, Day, true, "h2"), new(7, null, null, Day, "h1", HeldWorkoutState.Failed), Push(PushSteps.CreateWorkout | PushSteps.CreateSchedule)),
        ["retry after a failure with a workout"] = new(new(7, Day, true, "h2"), Synced() with { State = HeldWorkoutState.Failed }, Push(PushSteps.UpdateWorkout)),
        ["cannot be mapped"] = new(new(7, Day, true, MappingError: "No steps."), null, new(7, WorkoutSyncActionKind.Fail, Message: "No steps.", RefusedHash: WorkoutSyncPlanner.MappingFailedHash)),
        ["removed earlier, back in the plan"] = new(new(7, Day, true, "h1"), new(7, null, null, null, null, HeldWorkoutState.Removed), Push(PushSteps.CreateWorkout | PushSteps.CreateSchedule)),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Plan_ActiveLink_OneSession(string name)
    {
        var (session, held, expected) = Cases[name];

        var plan = WorkoutSyncPlanner.Plan(WorkoutSyncAccess.Active, session is null ? [] : [session], held is null ? [] : [held], Horizon);

        Assert.Null(plan.StopReason);
        Assert.Equal(expected is null ? [] : [expected], plan.Actions);
    }

    [Fact]
    public void Plan_SeveralSessions_PushesByDateThenRemovesBySessionId()
    {
        DesiredSession[] sessions = [new(3, D("2026-12-09"), true, "a"), new(1, D("2026-12-02"), true, "b"), new(2, D("2026-12-09"), true, "c"), new(9, Day, false), new(5, Day, false)];
        HeldWorkout[] held = [new(9, 1, 2, Day, "x", HeldWorkoutState.Synced), new(5, 3, 4, Day, "y", HeldWorkoutState.Synced)];

        var plan = WorkoutSyncPlanner.Plan(WorkoutSyncAccess.Active, sessions, held, Horizon);

        Assert.Equal([(1, WorkoutSyncActionKind.Push), (2, WorkoutSyncActionKind.Push), (3, WorkoutSyncActionKind.Push), (5, WorkoutSyncActionKind.Remove), (9, WorkoutSyncActionKind.Remove)], plan.Actions.Select(a => (a.SessionId, a.Kind)));
    }

    [Fact]
    public void Plan_NotLinked_ForgetsEverythingStillHeldWithoutCallingGarmin()
    {
        HeldWorkout[] held = [Synced(), new(8, null, null, null, null, HeldWorkoutState.Removed), new(9, null, null, null, "h", HeldWorkoutState.Failed)];

        var plan = WorkoutSyncPlanner.Plan(WorkoutSyncAccess.NotLinked, [new(7, Day, true, "h1")], held, Horizon);

        Assert.Equal(WorkoutSyncPlanner.NotLinkedMessage, plan.StopReason);
        Assert.Equal([7, 9], plan.Actions.Select(a => a.SessionId));
        Assert.All(plan.Actions, a => Assert.Equal(WorkoutSyncActionKind.Forget, a.Kind));
    }

    [Fact]
    public void Plan_BrokenLink_KeepsTheIdsForTheReconnect()
    {
        var plan = WorkoutSyncPlanner.Plan(WorkoutSyncAccess.Broken, [new(7, Day, true, "h2")], [Synced()], Horizon);

        Assert.Equal(WorkoutSyncPlanner.ReconnectMessage, plan.StopReason);
        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void Plan_NoWorkoutImport_MarksEverySessionNotRemovedAsFailed()
    {
        HeldWorkout[] held = [Synced(), new(8, null, null, null, null, HeldWorkoutState.Removed)];

        var plan = WorkoutSyncPlanner.Plan(WorkoutSyncAccess.NoWorkoutImport, [new(7, Day, true, "h1")], held, Horizon);

        Assert.Equal(WorkoutSyncPlanner.AllowImportMessage, plan.StopReason);
        Assert.Equal([new WorkoutSyncAction(7, WorkoutSyncActionKind.Fail, Message: WorkoutSyncPlanner.AllowImportMessage)], plan.Actions);
    }

    [Theory]
    [InlineData(0, 1, false)]
    [InlineData(6, 7, false)]
    [InlineData(7, 8, true)]
    [InlineData(12, 13, true)]
    public void Retry_CountsAttemptsAndGivesUpAtTheLimit(int attemptsSoFar, int attempt, bool giveUp)
    {
        var retry = WorkoutSyncPlanner.Retry(GarminRetryPolicy.Default, attemptsSoFar, null, 0.5);

        Assert.Equal(attempt, retry.Attempt);
        Assert.Equal(giveUp, retry.GiveUp);
    }

    [Fact]
    public void Retry_HonoursALongerRetryAfter()
    {
        var retry = WorkoutSyncPlanner.Retry(GarminRetryPolicy.Default, 0, TimeSpan.FromMinutes(5), 0);

        Assert.Equal(TimeSpan.FromMinutes(5), retry.Delay);
    }

    [Theory]
    [InlineData(100L, null, "h1", "2026-12-03", PushSteps.CreateSchedule)]
    [InlineData(100L, 200L, "h1", "2026-12-03", PushSteps.None)]
    [InlineData(100L, 200L, "h0", "2026-12-04", PushSteps.UpdateWorkout | PushSteps.UpdateSchedule)]
    [InlineData(null, 200L, "h1", "2026-12-03", PushSteps.CreateWorkout | PushSteps.CreateSchedule)]
    public void Steps_AfterGarminLostPartOfIt_RecreatesOnlyWhatIsMissing(long? workoutId, long? scheduleId, string heldHash, string heldDate, PushSteps expected)
    {
        var held = new HeldWorkout(7, workoutId, scheduleId, D(heldDate), heldHash, HeldWorkoutState.Pending);

        Assert.Equal(expected, WorkoutSyncPlanner.Steps(held, "h1", Day));
    }

    [Fact]
    public void Horizon_HasAtLeastToday()
    {
        var horizon = SyncHorizon.Of(Day, 0);

        Assert.True(horizon.Contains(Day));
        Assert.False(horizon.Contains(Day.AddDays(1)));
        Assert.True(horizon.IsPast(Day.AddDays(-1)));
    }

    private static WorkoutSyncAction Push(PushSteps steps) => new(7, WorkoutSyncActionKind.Push, steps);
}
