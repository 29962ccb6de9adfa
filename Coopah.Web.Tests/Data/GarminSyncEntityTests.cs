using Coopah.Core.Garmin.Sync;
using Coopah.Core.Garmin;
using Coopah.Web.Data;

namespace Coopah.Web.Tests.Data;

public sealed class GarminSyncEntityTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc);

    private static readonly DateOnly Day = new(2026, 12, 3);

    private static GarminLink Link(string permissions = "ACTIVITY_EXPORT WORKOUT_IMPORT") => new()
    {
        UserId = "runner",
        GarminUserId = "g1",
        ProtectedAccessToken = "a",
        ProtectedTokenSecret = "s",
        ProtectedRefreshToken = "r",
        AccessTokenExpiresAtUtc = Now.AddHours(1),
        RefreshTokenExpiresAtUtc = Now.AddDays(90),
        Permissions = permissions,
    };

    private static GarminSessionSync Held() => new()
    {
        SessionId = 7, RunnerId = "runner", WorkoutId = 100, OwnerId = 5, ScheduleId = 200, ScheduledDate = Day, ContentHash = "h1",
        State = GarminSessionSyncState.Synced,
    };

    [Fact]
    public void Revoke_DropsEveryTokenAndItsExpiry()
    {
        var link = Link();

        link.Revoke("Disconnected by the runner.", Now);

        Assert.Equal(GarminLinkStatus.Revoked, link.Status);
        Assert.Null(link.ProtectedAccessToken);
        Assert.Null(link.ProtectedTokenSecret);
        Assert.Null(link.ProtectedRefreshToken);
        Assert.Null(link.AccessTokenExpiresAtUtc);
        Assert.Null(link.RefreshTokenExpiresAtUtc);
        Assert.Equal(Now, link.RevokedAtUtc);
        Assert.Equal("Disconnected by the runner.", link.StatusReason);
        Assert.Equal(WorkoutSyncAccess.NotLinked, GarminLink.SyncAccess(link));
    }

    [Fact]
    public void Break_KeepsTokensAndNeedsReconnect()
    {
        var link = Link();

        link.Break("Garmin refused the refresh token: x");

        Assert.Equal(GarminLinkStatus.Broken, link.Status);
        Assert.Equal("a", link.ProtectedAccessToken);
        Assert.Equal("Garmin refused the refresh token: x", link.StatusReason);
        Assert.Equal(WorkoutSyncAccess.Broken, GarminLink.SyncAccess(link));
    }

    [Fact]
    public void Activate_AfterRevoke_IsActiveWithTheNewPermissions()
    {
        var link = Link();
        link.Revoke("gone", Now);

        link.Activate(["ACTIVITY_EXPORT"], Now.AddDays(1));

        Assert.Equal(GarminLinkStatus.Active, link.Status);
        Assert.Null(link.RevokedAtUtc);
        Assert.Null(link.StatusReason);
        Assert.Equal(Now.AddDays(1), link.LinkedAtUtc);
        Assert.Equal(WorkoutSyncAccess.NoWorkoutImport, GarminLink.SyncAccess(link));
    }

    [Fact]
    public void SyncAccess_NoLinkOrActiveWithImport()
    {
        Assert.Equal(WorkoutSyncAccess.NotLinked, GarminLink.SyncAccess(null));
        Assert.Equal(WorkoutSyncAccess.Active, GarminLink.SyncAccess(Link(GarminPermissions.WorkoutImport)));
    }

    [Fact]
    public void MarkSynced_ClearsTheErrorAndStampsTheTime()
    {
        var row = Held();
        row.Fail("Garmin is unavailable (503).", Now);

        row.MarkSynced(Now.AddMinutes(1));

        Assert.Equal(GarminSessionSyncState.Synced, row.State);
        Assert.Null(row.LastError);
        Assert.Equal(Now.AddMinutes(1), row.SyncedAtUtc);
        Assert.Equal(Now.AddMinutes(1), row.UpdatedUtc);
    }

    [Fact]
    public void Fail_RemembersRefusedContentOnlyWhileNoWorkoutIsHeld()
    {
        var held = Held();
        var fresh = GarminSessionSync.For(8, "runner", Now);

        held.Fail("Garmin refused the workout: bad", Now, "h2");
        fresh.Fail("Garmin refused the workout: bad", Now, "h2");

        Assert.Equal("h1", held.ContentHash);
        Assert.Equal("h2", fresh.ContentHash);
        Assert.All([held, fresh], r => Assert.Equal(GarminSessionSyncState.Failed, r.State));
        Assert.Equal(HeldWorkoutState.Failed, fresh.ToHeld().State);
    }

    [Fact]
    public void Forget_ClearsEveryIdAndKeepsTheReason()
    {
        var row = Held();

        row.Forget("Garmin is not linked.", Now);

        Assert.Equal(new HeldWorkout(7, null, null, null, null, HeldWorkoutState.Removed), row.ToHeld());
        Assert.Null(row.OwnerId);
        Assert.Equal("Garmin is not linked.", row.LastError);
    }

    [Fact]
    public void WorkoutLost_ThenPlannerCreatesWorkoutAndSchedule()
    {
        var row = Held();

        row.WorkoutLost();

        Assert.Equal(PushSteps.CreateWorkout | PushSteps.CreateSchedule, WorkoutSyncPlanner.Steps(row.ToHeld(), "h1", Day));
    }

    [Fact]
    public void Reset_ForgetsRefusedContentButNotAHeldWorkout()
    {
        var refused = GarminSessionSync.For(8, "runner", Now);
        refused.Fail("no", Now, "h2");
        var held = Held();
        held.Fail("no", Now);

        refused.Reset(Now);
        held.Reset(Now);

        Assert.Null(refused.ContentHash);
        Assert.Equal("h1", held.ContentHash);
        Assert.All([refused, held], r => Assert.Equal(GarminSessionSyncState.Pending, r.State));
    }

    [Fact]
    public void ScheduleRetry_KeepsTheIntentPendingUntilTheNextAttempt()
    {
        var intent = new GarminSyncIntent { Status = GarminSyncIntentStatus.Pending, Attempts = 2 };

        intent.ScheduleRetry(3, Now.AddMinutes(2), "Garmin is unavailable (503).", Now);

        Assert.Equal(GarminSyncIntentStatus.Pending, intent.Status);
        Assert.Equal(3, intent.Attempts);
        Assert.Equal(Now.AddMinutes(2), intent.NextAttemptUtc);
        Assert.Equal("Garmin is unavailable (503).", intent.LastError);
    }

    [Fact]
    public void GiveUp_FailsTheIntentSayingHowOften()
    {
        var intent = new GarminSyncIntent { Status = GarminSyncIntentStatus.Pending, Attempts = 7 };

        intent.GiveUp(8, "Garmin is unavailable (503).", Now);

        Assert.Equal(GarminSyncIntentStatus.Failed, intent.Status);
        Assert.Equal(8, intent.Attempts);
        Assert.Equal("Garmin is unavailable (503). Gave up after 8 attempts.", intent.LastError);
    }

    [Theory]
    [InlineData(false, GarminSyncIntentStatus.Done, null)]
    [InlineData(true, GarminSyncIntentStatus.Failed, "refused")]
    public void Complete_CountsTheAttempt(bool failed, GarminSyncIntentStatus status, string? error)
    {
        var intent = new GarminSyncIntent { Status = GarminSyncIntentStatus.Pending, Attempts = 1 };

        intent.Complete("refused", failed, Now);

        Assert.Equal(status, intent.Status);
        Assert.Equal(error, intent.LastError);
        Assert.Equal(2, intent.Attempts);
    }
}
