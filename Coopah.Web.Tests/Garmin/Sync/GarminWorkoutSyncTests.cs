using Coopah.Core.Garmin.Training;
using Coopah.Core.Plans;
using Coopah.Web.Data;
using Coopah.Web.Garmin.Sync;
using Coopah.Web.Plans;
using Coopah.Web.Sandbox;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Garmin.Sync;

/// <summary>Sessions become workouts on the sandbox's calendar, and every change converges there.</summary>
public sealed class GarminWorkoutSyncTests(GarminSyncFactory factory) : IClassFixture<GarminSyncFactory>
{
    private RunnerCalendar Calendar => factory.Calendar;

    [Fact]
    public async Task Plan_LinkedRunner_PushesTheNextTwoWeeksWithCodesAndPaces()
    {
        var rejectionsBefore = factory.SandboxQuota.QuotaRejections;
        var (runner, garmin, _) = await factory.LinkedRunnerWithPlanAsync("push");

        await factory.ConvergeAsync(runner, garmin);

        var calendar = factory.SandboxTraining.Calendar(garmin);
        Assert.NotEmpty(calendar);
        Assert.All(calendar, e => Assert.True(GarminWorkoutMapper.TryExtractSessionCode(e.Workout.WorkoutName, out var code) && SessionWorkoutMapper.SessionIdFromCode(code) is not null));
        var today = await Calendar.TodayAsync(runner);
        Assert.All(calendar, e => Assert.InRange(e.Date, today, today.AddDays(13)));
        Assert.Equal(rejectionsBefore, factory.SandboxQuota.QuotaRejections);
    }

    [Fact]
    public async Task EditMoveDelete_Session_UpdatesMovesAndRemovesTheSandboxWorkout()
    {
        var (runner, garmin, _) = await factory.LinkedRunnerWithPlanAsync("edit");
        await factory.ConvergeAsync(runner, garmin);
        var today = await Calendar.TodayAsync(runner);
        var session = (await Calendar.GetSessionsAsync(runner, today, today.AddDays(10))).First();
        var before = await factory.QueryAsync(db => db.GarminSessionSyncs.AsNoTracking().SingleAsync(s => s.SessionId == session.Id));

        var edited = await Calendar.UpdateSessionAsync(runner, session.Id, new SessionEdit(session.Date, "Hill reps", SessionKind.Intervals,
            StepNotation.Parse("10min warmup easy; 5x(90s interval @ 3:50-4:00/km; 2min recovery); 10min cooldown")));
        Assert.True(edited.Succeeded);
        await factory.ConvergeAsync(runner, garmin);

        var entry = factory.SandboxTraining.Calendar(garmin).Single(e => e.Workout.WorkoutId == before.WorkoutId);
        Assert.Equal("[" + SessionWorkoutMapper.SessionCode(session.Id) + "] Hill reps", entry.Workout.WorkoutName);
        var repeat = Assert.IsType<GarminWorkoutRepeatStep>(entry.Workout.Segments.Single().Steps[1]);
        Assert.Equal(5, repeat.RepeatValue);
        var interval = Assert.IsType<GarminWorkoutStep>(repeat.Steps[0]);
        Assert.Equal(90, interval.DurationValue);
        Assert.Equal(Math.Round(1000.0 / 240, 4), interval.TargetValueLow);

        var moved = await Calendar.MoveSessionAsync(runner, session.Id, today.AddDays(12));
        Assert.True(moved.Succeeded);
        await factory.ConvergeAsync(runner, garmin);
        entry = factory.SandboxTraining.Calendar(garmin).Single(e => e.Workout.WorkoutId == before.WorkoutId);
        Assert.Equal(today.AddDays(12), entry.Date);
        Assert.Equal(before.ScheduleId, entry.ScheduleId);

        Assert.True((await Calendar.DeleteSessionAsync(runner, session.Id)).Succeeded);
        await factory.ConvergeAsync(runner, garmin);
        Assert.DoesNotContain(factory.SandboxTraining.Workouts(garmin), w => w.WorkoutId == before.WorkoutId);
        Assert.DoesNotContain(factory.SandboxTraining.Calendar(garmin), e => e.ScheduleId == before.ScheduleId);
    }

    [Fact]
    public async Task SkipAndAdd_Sessions_LeaveAndJoinTheWatch()
    {
        var (runner, garmin, _) = await factory.LinkedRunnerWithPlanAsync("skip");
        var today = await Calendar.TodayAsync(runner);
        var session = (await Calendar.GetSessionsAsync(runner, today, today.AddDays(10))).First();

        await Calendar.SetSkippedAsync(runner, session.Id, skipped: true);
        var added = await Calendar.AddSessionAsync(runner, new SessionEdit(today.AddDays(3), "Parkrun", SessionKind.Race, StepNotation.Parse("5km active @ 4:00/km")));
        await factory.ConvergeAsync(runner, garmin);

        var names = factory.SandboxTraining.Calendar(garmin).Select(e => e.Workout.WorkoutName).ToList();
        Assert.Contains("[" + SessionWorkoutMapper.SessionCode(added.SessionId!.Value) + "] Parkrun", names);
        Assert.DoesNotContain(names, n => n!.StartsWith("[" + SessionWorkoutMapper.SessionCode(session.Id) + "]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Burst_300Changes_StaysUnderTheQuotasAndConverges()
    {
        var (runner, garmin, _) = await factory.LinkedRunnerWithPlanAsync("burst");
        var today = await Calendar.TodayAsync(runner);
        var sessions = await Calendar.GetSessionsAsync(runner, today, today.AddDays(13));
        var rejectionsBefore = factory.SandboxQuota.QuotaRejections;

        for (var i = 0; i < 300; i++)
        {
            var s = sessions[i % sessions.Count];
            var minutes = 20 + (i % 40);
            var date = today.AddDays((i * 7) % 14);
            var result = await Calendar.UpdateSessionAsync(runner, s.Id, new SessionEdit(date, "Run " + i.ToString(System.Globalization.CultureInfo.InvariantCulture), SessionKind.Easy,
                StepNotation.Parse(minutes.ToString(System.Globalization.CultureInfo.InvariantCulture) + "min active easy")));
            Assert.True(result.Succeeded, string.Join(", ", result.Errors));
        }

        await factory.ConvergeAsync(runner, garmin);
        Assert.Equal(rejectionsBefore, factory.SandboxQuota.QuotaRejections);
    }

    [Fact]
    public async Task Outage_429And500ForAWhile_StillConverges()
    {
        var (runner, garmin, _) = await factory.LinkedRunnerWithPlanAsync("outage");
        await factory.ConvergeAsync(runner, garmin);
        var today = await Calendar.TodayAsync(runner);
        var session = (await Calendar.GetSessionsAsync(runner, today, today.AddDays(10))).First();

        factory.SandboxFaults.FailNext(SandboxOperations.Training, 500, times: 2);
        factory.SandboxFaults.FailNext(SandboxOperations.Training, 429, times: 2);
        factory.SandboxFaults.FailNext(SandboxOperations.Training, 503, times: 1);
        await Calendar.UpdateSessionAsync(runner, session.Id, new SessionEdit(session.Date, "After the outage", session.Kind, session.Steps));

        await factory.ConvergeAsync(runner, garmin);
        var intent = await factory.QueryAsync(db => db.GarminSyncIntents.Where(i => i.SessionId == session.Id).OrderBy(i => i.Id).LastAsync());
        Assert.Equal(GarminSyncIntentStatus.Done, intent.Status);
        Assert.True(intent.Attempts > 1);
    }

    [Fact]
    public async Task Restart_PendingIntentsWithoutJobs_ConvergeAfterTheRequeue()
    {
        var (runner, garmin, _) = await factory.LinkedRunnerWithPlanAsync("restart");
        await factory.ConvergeAsync(runner, garmin);
        var today = await Calendar.TodayAsync(runner);
        var session = (await Calendar.GetSessionsAsync(runner, today, today.AddDays(10))).First();

        // What a crash leaves: the change and its intent committed, the in-memory Hangfire job lost.
        await factory.QueryAsync(async db =>
        {
            var row = await db.RunnerSessions.SingleAsync(s => s.Id == session.Id);
            row.Name = "Written before the restart";
            db.GarminSyncIntents.Add(new GarminSyncIntent
            {
                SessionId = row.Id, RunnerId = runner, Kind = GarminSyncIntentKind.Update, TargetDate = row.Date,
                Status = GarminSyncIntentStatus.Pending, CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync();
        });

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<GarminSyncSweepJob>().RunAsync(CancellationToken.None) >= 1);
        }

        await factory.ConvergeAsync(runner, garmin);
        Assert.Contains(factory.SandboxTraining.Calendar(garmin), e => e.Workout.WorkoutName == "[" + SessionWorkoutMapper.SessionCode(session.Id) + "] Written before the restart");
    }

    [Fact]
    public async Task Disconnect_RemovesOurWorkouts()
    {
        var (runner, garmin, client) = await factory.LinkedRunnerWithPlanAsync("unlink");
        await factory.ConvergeAsync(runner, garmin);
        Assert.NotEmpty(factory.SandboxTraining.Workouts(garmin));

        Assert.Equal("disconnected", await GarminLinkDriver.DisconnectAsync(client));

        await factory.ConvergeAsync(runner, garmin, () => Task.FromResult<IReadOnlyList<string>>([]));
        Assert.Empty(factory.SandboxTraining.Workouts(garmin));
        var status = await factory.Services.GetRequiredService<GarminSyncStatus>().ForSessionsAsync(runner,
            await Calendar.GetSessionsAsync(runner, await Calendar.TodayAsync(runner), (await Calendar.TodayAsync(runner)).AddDays(13)));
        Assert.All(status.Values, v => Assert.Equal(SessionSyncKind.NotLinked, v.Kind));
    }

    [Fact]
    public async Task WorkoutImportWithdrawnInGarmin_412_IsShownOnTheSessions()
    {
        var (runner, garmin, _) = await factory.LinkedRunnerWithPlanAsync("perm");
        await factory.ConvergeAsync(runner, garmin);
        var today = await Calendar.TodayAsync(runner);
        var session = (await Calendar.GetSessionsAsync(runner, today, today.AddDays(10))).First();

        // Garmin-side only: no permission-change notification reaches us, so the 412 is how we learn.
        factory.SandboxAccounts.SetPermissions(garmin, ["ACTIVITY_EXPORT"]);
        await Calendar.UpdateSessionAsync(runner, session.Id, new SessionEdit(session.Date, "Needs import", session.Kind, session.Steps));

        var status = factory.Services.GetRequiredService<GarminSyncStatus>();
        var view = await Poll.UntilAsync(
            async () => (await status.ForSessionsAsync(runner, [session]))[session.Id],
            v => v.Kind == SessionSyncKind.Failed);
        Assert.Equal(GarminSyncJob.AllowImportMessage, view.Reason);
    }

    [Fact]
    public async Task BadRequest_400_StoresGarminsMessageOnTheSessionUntilItIsEdited()
    {
        var (runner, garmin, _) = await factory.LinkedRunnerWithPlanAsync("badreq");
        await factory.ConvergeAsync(runner, garmin);
        var today = await Calendar.TodayAsync(runner);
        var session = (await Calendar.GetSessionsAsync(runner, today, today.AddDays(10))).First();

        factory.SandboxFaults.FailNext(SandboxOperations.Training, 400);
        await Calendar.UpdateSessionAsync(runner, session.Id, new SessionEdit(session.Date, "Refused once", session.Kind, session.Steps));

        var row = await Poll.UntilAsync(
            () => factory.QueryAsync(db => db.GarminSessionSyncs.AsNoTracking().SingleAsync(s => s.SessionId == session.Id)),
            r => r.State == GarminSessionSyncState.Failed);
        Assert.StartsWith("Garmin refused the workout", row.LastError, StringComparison.Ordinal);
        var intent = await factory.QueryAsync(db => db.GarminSyncIntents.Where(i => i.SessionId == session.Id).OrderBy(i => i.Id).LastAsync());
        Assert.Equal(GarminSyncIntentStatus.Failed, intent.Status);
        var view = (await factory.Services.GetRequiredService<GarminSyncStatus>().ForSessionsAsync(runner, [session]))[session.Id];
        Assert.Equal(SessionSyncKind.Failed, view.Kind);

        await Calendar.UpdateSessionAsync(runner, session.Id, new SessionEdit(session.Date, "Accepted now", session.Kind, session.Steps));
        await factory.ConvergeAsync(runner, garmin);
    }

    [Fact]
    public async Task Unauthorized_401_MarksTheLinkBrokenAndAsksToReconnect()
    {
        var (runner, garmin, _) = await factory.LinkedRunnerWithPlanAsync("authbroken");
        await factory.ConvergeAsync(runner, garmin);
        var today = await Calendar.TodayAsync(runner);
        var session = (await Calendar.GetSessionsAsync(runner, today, today.AddDays(10))).First();

        factory.SandboxFaults.FailNext(SandboxOperations.Training, 401);
        await Calendar.UpdateSessionAsync(runner, session.Id, new SessionEdit(session.Date, "Token gone", session.Kind, session.Steps));

        var link = await Poll.UntilAsync(
            () => factory.QueryAsync(db => db.GarminLinks.AsNoTracking().SingleAsync(l => l.UserId == runner)),
            l => l.Status == GarminLinkStatus.Broken);
        Assert.Equal(GarminSyncJob.ReconnectMessage, link.StatusReason);
        var view = (await factory.Services.GetRequiredService<GarminSyncStatus>().ForSessionsAsync(runner, [session]))[session.Id];
        Assert.Equal(GarminSyncJob.ReconnectMessage, view.Reason);
    }

    [Fact]
    public async Task LinkedWithoutWorkoutImport_SessionsSayAllowImport()
    {
        var (runner, _, _) = await factory.LinkedRunnerWithPlanAsync("noimport", permissions: ["ACTIVITY_EXPORT"]);
        var today = await Calendar.TodayAsync(runner);
        var sessions = await Calendar.GetSessionsAsync(runner, today, today.AddDays(13));

        var views = await factory.Services.GetRequiredService<GarminSyncStatus>().ForSessionsAsync(runner, sessions);

        Assert.All(views.Values, v => Assert.Equal(GarminSyncJob.AllowImportMessage, v.Reason));
    }
}

public sealed class GarminSyncPagesTests(GarminSyncFactory factory) : IClassFixture<GarminSyncFactory>
{
    [Fact]
    public async Task CalendarAndSessionPage_SyncedSession_ShowOnGarmin()
    {
        var (runner, garmin, client) = await factory.LinkedRunnerWithPlanAsync("pages");
        await factory.ConvergeAsync(runner, garmin);
        var today = await factory.Calendar.TodayAsync(runner);
        var session = (await factory.Calendar.GetSessionsAsync(runner, today, today.AddDays(6))).First();

        var page = await client.GetStringAsync($"/calendar/sessions/{session.Id}");
        var calendar = await client.GetStringAsync("/calendar?view=month&date=" + session.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Contains("data-sync=\"OnGarmin\"", page, StringComparison.Ordinal);
        Assert.Contains("On Garmin since", page, StringComparison.Ordinal);
        Assert.Contains("Download .FIT", page, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"sync-{session.Id}\"", calendar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CalendarAndSessionPage_SessionBeyondTheHorizon_SayWhichDayItGoesToGarmin()
    {
        var (runner, garmin, client) = await factory.LinkedRunnerWithPlanAsync("later");
        await factory.ConvergeAsync(runner, garmin);
        var today = await factory.Calendar.TodayAsync(runner);
        var session = (await factory.Calendar.GetSessionsAsync(runner, today.AddDays(20), today.AddDays(60))).First(s => !s.Skipped);
        var day = session.Date.AddDays(-13).ToString("ddd d MMM", System.Globalization.CultureInfo.InvariantCulture);

        var page = await client.GetStringAsync($"/calendar/sessions/{session.Id}");
        var calendar = await client.GetStringAsync("/calendar?view=month&date=" + session.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Contains($"Goes to your Garmin on {day}", page, StringComparison.Ordinal);
        Assert.Contains($"title=\"Goes to your Garmin on {day}\"", calendar, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"legend-sync-OnGarmin\"", calendar, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"legend-sync-Failed\"", calendar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CalendarAndSessionPage_SkippedSession_HasNoBadgeAndSaysItIsNotSent()
    {
        var (runner, garmin, client) = await factory.LinkedRunnerWithPlanAsync("skipped-badge");
        var today = await factory.Calendar.TodayAsync(runner);
        var sessions = await factory.Calendar.GetSessionsAsync(runner, today, today.AddDays(10));
        var (skipped, kept) = (sessions[0], sessions[1]);
        await factory.Calendar.SetSkippedAsync(runner, skipped.Id, skipped: true);
        await factory.ConvergeAsync(runner, garmin);

        var page = await client.GetStringAsync($"/calendar/sessions/{skipped.Id}");
        var calendar = await client.GetStringAsync("/calendar?view=week&date=" + skipped.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var keptWeek = await client.GetStringAsync("/calendar?view=week&date=" + kept.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        // The clock means "goes to Garmin later" in the legend; a skipped (or past) session will not go, so it has no badge.
        Assert.Contains("Not sent to Garmin (past or skipped)", page, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"session-{skipped.Id}\"", calendar, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-testid=\"sync-{skipped.Id}\"", calendar, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"sync-{kept.Id}\"", keptWeek, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminSync_ShowsFailuresAndOnlyForAdmins()
    {
        var (runner, _, _) = await factory.LinkedRunnerWithPlanAsync("adminview");
        var today = await factory.Calendar.TodayAsync(runner);
        var session = (await factory.Calendar.GetSessionsAsync(runner, today, today.AddDays(6))).First();
        await factory.QueryAsync(async db =>
        {
            db.GarminSessionSyncs.Add(new GarminSessionSync
            {
                SessionId = session.Id, RunnerId = runner, State = GarminSessionSyncState.Failed,
                LastError = "Garmin refused the workout: step 3 is odd", UpdatedUtc = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        var admin = await factory.SignInAsync(DemoLogins.Admin, DemoLogins.AdminPassword);

        var html = await admin.GetStringAsync("/admin/sync");
        using var asRunner = await (await factory.NewRunnerAsync("notadmin@sync.test")).Client.GetAsync("/admin/sync");

        Assert.Contains("step 3 is odd", html, StringComparison.Ordinal);
        Assert.Contains("sync-retry", html, StringComparison.Ordinal);
        Assert.NotEqual(System.Net.HttpStatusCode.OK, asRunner.StatusCode);
        await factory.Services.GetRequiredService<GarminSyncStatus>().RetryAsync(runner);
        var row = await factory.QueryAsync(db => db.GarminSessionSyncs.AsNoTracking().SingleAsync(s => s.SessionId == session.Id));
        Assert.NotEqual(GarminSessionSyncState.Failed, row.State);
    }
}
