using Coopah.Web.Data;
using Coopah.Web.Garmin.Sync;
using Coopah.Web.Garmin.Inbox;
using Coopah.Web.Sandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Coopah.Web.Tests.Infrastructure;

namespace Coopah.Web.Tests.Garmin.Sync;

/// <summary>Deregistration and permission changes arriving as notifications write intents the job acts on.</summary>
public sealed class GarminSyncLifecycleTests(GarminSyncFactory factory) : IClassFixture<GarminSyncFactory>
{
    [Fact]
    public async Task PermissionChange_LosingAndRegainingWorkoutImport_MarksThenPushesAgain()
    {
        var (runner, garmin, _) = await factory.LinkedRunnerWithPlanAsync("permchange");
        await factory.ConvergeAsync(runner, garmin);
        var today = await factory.Calendar.TodayAsync(runner);
        var sessions = await factory.Calendar.GetSessionsAsync(runner, today, today.AddDays(13));
        var status = factory.Services.GetRequiredService<GarminSyncStatus>();

        await IngestAsync(SandboxNotifications.UserPermissionsChange(garmin, ["ACTIVITY_EXPORT"], DateTimeOffset.UtcNow), 3_000_001);
        var views = await Poll.UntilAsync(
            () => status.ForSessionsAsync(runner, sessions),
            v => v.Values.All(x => x.Reason == GarminSyncJob.AllowImportMessage));
        Assert.NotEmpty(views);

        await IngestAsync(SandboxNotifications.UserPermissionsChange(garmin, ["ACTIVITY_EXPORT", "WORKOUT_IMPORT"], DateTimeOffset.UtcNow.AddSeconds(1)), 3_000_002);
        await factory.ConvergeAsync(runner, garmin);
        views = await status.ForSessionsAsync(runner, sessions);
        Assert.All(views.Values.Where(v => v.Kind != SessionSyncKind.NotScheduled), v => Assert.Equal(SessionSyncKind.OnGarmin, v.Kind));
    }

    [Fact]
    public async Task Deregistration_ForgetsTheWorkoutsGarminDropped()
    {
        var (runner, garmin, _) = await factory.LinkedRunnerWithPlanAsync("dereg");
        await factory.ConvergeAsync(runner, garmin);
        // The runner removed Coopah in Garmin Connect: the grant is gone before the notification arrives.
        factory.SandboxAccounts.Deregister(garmin);

        await IngestAsync(SandboxNotifications.Deregistration(garmin), 3_000_003);

        var rows = await Poll.UntilAsync(
            () => factory.QueryAsync(db => db.GarminSessionSyncs.AsNoTracking().Where(s => s.RunnerId == runner).ToListAsync()),
            r => r.Count > 0 && r.All(x => x.WorkoutId == null && x.State == GarminSessionSyncState.Removed));
        Assert.NotEmpty(rows);
        var intent = await factory.QueryAsync(db => db.GarminSyncIntents.Where(i => i.RunnerId == runner).OrderBy(i => i.Id).LastAsync());
        Assert.Equal(GarminSyncIntentKind.Unlink, intent.Kind);
    }

    [Fact]
    public async Task Deregistration_OfAnOlderGrant_KeepsTheLinkAndItsWorkouts()
    {
        var (runner, garmin, _) = await factory.LinkedRunnerWithPlanAsync("oldgrant");
        await factory.ConvergeAsync(runner, garmin);

        // The grant is still current: the sandbox answers user/id for the link's token.
        var outcome = await IngestAsync(SandboxNotifications.Deregistration(garmin), 3_000_004);

        Assert.Equal((0, 1), (outcome.Applied, outcome.Ignored));
        Assert.Contains("older grant", Assert.Single(outcome.Warnings), StringComparison.Ordinal);
        var link = await factory.QueryAsync(db => db.GarminLinks.AsNoTracking().SingleAsync(l => l.UserId == runner));
        Assert.Equal(GarminLinkStatus.Active, link.Status);
        Assert.NotNull(link.ProtectedAccessToken);
        Assert.False(await factory.QueryAsync(db => db.GarminSyncIntents.AnyAsync(i => i.RunnerId == runner && i.Kind == GarminSyncIntentKind.Unlink)));
    }

    [Fact]
    public async Task PersistentOutage_GivesUpAfterMaxAttempts_VisibleToAdminsAndRetryConverges()
    {
        var (runner, garmin, _) = await factory.LinkedRunnerWithPlanAsync("giveup");
        await factory.ConvergeAsync(runner, garmin);
        var today = await factory.Calendar.TodayAsync(runner);
        var session = (await factory.Calendar.GetSessionsAsync(runner, today, today.AddDays(10))).First();

        // Exactly MaxAttempts (8) failures: one call per attempt, so nothing is left queued for other tests.
        factory.SandboxFaults.FailNext(SandboxOperations.Training, 503, times: 8);
        await factory.Calendar.UpdateSessionAsync(runner, session.Id, new Coopah.Web.Plans.SessionEdit(session.Date, "Never arrives", session.Kind, session.Steps));

        var intent = await Poll.UntilAsync(
            () => factory.QueryAsync(db => db.GarminSyncIntents.AsNoTracking().Where(i => i.SessionId == session.Id).OrderBy(i => i.Id).LastAsync()),
            i => i.Status == GarminSyncIntentStatus.Failed);
        Assert.Equal(8, intent.Attempts);
        var status = factory.Services.GetRequiredService<GarminSyncStatus>();
        Assert.Contains((await status.OverviewAsync()).Failures, f => f.RunnerId == runner);

        await status.RetryAsync(runner);
        await factory.ConvergeAsync(runner, garmin);
        Assert.Contains(factory.SandboxTraining.Calendar(garmin), e => e.Workout.WorkoutName!.EndsWith("] Never arrives", StringComparison.Ordinal));
    }

    private async Task<IngestOutcome> IngestAsync(byte[] body, long inboxId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GarminNotificationIngestor>().IngestAsync(body, inboxId, CancellationToken.None);
    }
}
