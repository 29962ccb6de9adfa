using Coopah.Core.Garmin;
using Coopah.Core.Garmin.Training;
using Coopah.Web.Data;
using Coopah.Web.Garmin.Sync;
using Coopah.Web.Matching;
using Coopah.Web.Tests.Infrastructure;
using Coopah.Web.Tests.Matching;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Coopah.Web.Tests.Cluster;

/// <summary>Instances A and B, started in that order on one database; B's "Garmin" is A's sandbox.</summary>
public sealed class TwoInstanceFixture : IAsyncLifetime
{
    public TwoInstanceFactory A { get; } = new();

    public TwoInstanceFactory B { get; private set; } = null!;

    public Task InitializeAsync()
    {
        // A first: it creates the database, and B's Garmin client needs A's server.
        _ = A.Server;
        B = A.CreateSecondInstance();
        _ = B.Server;
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        // B first: A owns (and drops) the database.
        B.Dispose();
        A.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Two instances behind a load balancer on one PostgreSQL database and one Hangfire store: work that reaches both
/// (webhook deliveries, token refreshes, workout syncs) still happens exactly once.
/// </summary>
[Trait("Database", "Postgres")]
public sealed class TwoInstanceTests(TwoInstanceFixture fixture, ITestOutputHelper output) : IClassFixture<TwoInstanceFixture>
{
    private static readonly DateOnly Day = new(2026, 10, 14);

    private TwoInstanceFactory A => fixture.A;

    private TwoInstanceFactory B => fixture.B;

    [Fact]
    public async Task WebhookPushes_SplitAcrossInstances_AreStoredClaimedAndMatchedOnce()
    {
        var expected = new List<(string SummaryId, string RunnerId, int SessionId, string Body)>();
        var activityId = 7_000_001L;
        for (var r = 0; r < 3; r++)
        {
            var (runnerId, garminUserId) = await A.LinkedRunnerAsync($"split{r}");
            for (var d = 0; d < 2; d++)
            {
                var date = Day.AddDays(d);
                var sessionId = await A.AddSessionAsync(runnerId, date, 40);
                var body = MatchingFactory.Summary(garminUserId, activityId, date.ToDateTime(new TimeOnly(6, 0), DateTimeKind.Utc), 0, 40 * 60);
                expected.Add((activityId.ToString(System.Globalization.CultureInfo.InvariantCulture), runnerId, sessionId, body));
                activityId++;
            }
        }

        var runners = expected.Select(e => e.RunnerId).Distinct().ToList();

        // Every summary goes to one instance and its re-send to the other, all at once: the two deliveries of one
        // activity race each other on different instances (and every instance's workers race for the rows).
        var instances = new[] { A, B };
        await Task.WhenAll(expected.SelectMany((e, i) => new[]
        {
            Task.Run(() => instances[i % 2].PushActivitiesAsync(e.Body)),
            Task.Run(() => instances[(i + 1) % 2].PushActivitiesAsync(e.Body)),
        }));

        var inbox = await Poll.UntilAsync(
            () => A.QueryAsync(db => db.GarminInbox.AsNoTracking().Where(m => m.Type == "activities").ToListAsync()),
            rows => rows.Count == expected.Count * 2 && rows.All(m => m.Status != InboxStatus.Pending),
            rows => Task.FromResult($"The inbox did not settle: {string.Join("; ", rows.Select(m => $"{m.Id}:{m.Status}:{m.Attempts}:{m.LastError}"))}"));
        Assert.All(inbox, m =>
        {
            Assert.Equal(InboxStatus.Processed, m.Status);
            // One claim per row: neither instance's worker took a row the other already held.
            Assert.Equal(1, m.Attempts);
        });
        // Every row was taken by exactly one claim, on one instance or the other. Which instance takes how many is
        // up to the shared queue, so the split is reported rather than asserted.
        var claimedOnA = A.ClaimedInboxIds.ToList();
        var claimedOnB = B.ClaimedInboxIds.ToList();
        Assert.Equal(inbox.Select(m => m.Id).Order(), claimedOnA.Concat(claimedOnB).Order());
        output.WriteLine($"Inbox rows claimed: {claimedOnA.Count} on A, {claimedOnB.Count} on B.");

        var runs = await Poll.UntilAsync(
            () => A.QueryAsync(async db => (
                Busy: await db.GarminActivities.AnyAsync(a => runners.Contains(a.UserId) && a.NeedsMatching)
                    || await db.Set<MatchedRun>().AnyAsync(r => runners.Contains(r.RunnerId) && r.NeedsAnalysis),
                Runs: await db.Set<MatchedRun>().AsNoTracking().Where(r => runners.Contains(r.RunnerId)).ToListAsync())),
            s => !s.Busy && s.Runs.Count >= expected.Count,
            s => Task.FromResult($"Matching did not settle: busy={s.Busy}, runs={s.Runs.Count}."));

        var activities = await A.QueryAsync(db => db.GarminActivities.AsNoTracking().Where(a => runners.Contains(a.UserId)).ToListAsync());
        Assert.Equal(expected.Select(e => e.SummaryId).Order(StringComparer.Ordinal), activities.Select(a => a.SummaryId).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Count, runs.Runs.Count);
        foreach (var e in expected)
        {
            var run = Assert.Single(runs.Runs, r => r.ActivityKey == e.SummaryId);
            Assert.Equal(e.RunnerId, run.RunnerId);
            Assert.Equal(e.SessionId, run.SessionId);
            Assert.Single(runs.Runs, r => r.SessionId == e.SessionId);
        }
    }

    [Fact]
    public async Task LinkMadeOnA_ExpiredToken_RefreshedOnceWhenBothInstancesAskAtOnce()
    {
        var (runnerId, _) = await A.LinkedRunnerAsync("refresh-both");
        var linked = await A.QueryAsync(db => db.GarminLinks.AsNoTracking().SingleAsync(l => l.UserId == runnerId));

        // One key ring in the database: B reads the tokens A encrypted.
        var firstAccess = A.Protector.Unprotect(linked.ProtectedAccessToken!);
        Assert.Equal(firstAccess, B.Protector.Unprotect(linked.ProtectedAccessToken!));
        var firstRefresh = B.Protector.Unprotect(linked.ProtectedRefreshToken!);

        await A.QueryAsync(db => db.GarminLinks.Where(l => l.Id == linked.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.AccessTokenExpiresAtUtc, DateTime.UtcNow.AddMinutes(-1))));
        var refreshesBefore = A.Grants.Refreshes;

        var credentials = await Task.WhenAll(
            Task.Run(() => A.Tokens.GetCredentialsAsync(linked.Id)),
            Task.Run(() => B.Tokens.GetCredentialsAsync(linked.Id)));

        // A second refresh would present the spent refresh token, be refused and break the link.
        Assert.Equal(1, A.Grants.Refreshes - refreshesBefore);
        var after = await A.QueryAsync(db => db.GarminLinks.AsNoTracking().SingleAsync(l => l.Id == linked.Id));
        Assert.Equal(GarminLinkStatus.Active, after.Status);
        var access = Assert.Single(credentials.Select(c => Assert.IsType<GarminBearerCredentials>(c).AccessToken).Distinct());
        Assert.NotEqual(firstAccess, access);
        Assert.Equal(access, A.Protector.Unprotect(after.ProtectedAccessToken!));
        Assert.Equal(access, B.Protector.Unprotect(after.ProtectedAccessToken!));
        Assert.Equal(linked.GarminUserId, await A.Services.GetRequiredService<GarminUserClient>().GetUserIdAsync(credentials[0]));
        Assert.Equal(linked.GarminUserId, await B.Services.GetRequiredService<GarminUserClient>().GetUserIdAsync(credentials[1]));
        Assert.Equal("The refresh token was already used.", A.SandboxOAuth2.Refresh(firstRefresh).Error);
    }

    [Fact]
    public async Task SessionAddedOnA_SyncKickedOnBoth_ReachesGarminOnce()
    {
        var (runnerId, garminUserId) = await A.LinkedRunnerAsync("sync-once");
        await A.ConvergeAsync(runnerId, garminUserId);
        var date = (await A.Calendar.TodayAsync(runnerId)).AddDays(2);

        // A's calendar kicks A's sync; B is kicked too, and both instances run the job at once besides.
        var sessionId = await A.AddSessionAsync(runnerId, date, 35, "Two-instance tempo");
        B.Kicker.Kick(runnerId);
        await Task.WhenAll(Task.Run(() => RunSyncAsync(A, runnerId)), Task.Run(() => RunSyncAsync(B, runnerId)));

        await A.ConvergeAsync(runnerId, garminUserId);
        // The kicked jobs may still be queued: a late duplicate run must find nothing left to do.
        await Poll.UntilAsync(() => Task.FromResult(QueuedSyncJobs(A)), n => n == 0, n => Task.FromResult($"{n} sync jobs still queued."));

        var workout = Assert.Single(A.SandboxTraining.Workouts(garminUserId));
        Assert.Equal(GarminWorkoutMapper.FormatWorkoutName(SessionWorkoutMapper.SessionCode(sessionId), "Two-instance tempo"), workout.WorkoutName);
        var entry = Assert.Single(A.SandboxTraining.Calendar(garminUserId));
        Assert.Equal(date, entry.Date);
        Assert.Equal(workout.WorkoutId, entry.Workout.WorkoutId);
        var intents = await A.QueryAsync(db => db.GarminSyncIntents.AsNoTracking().Where(i => i.RunnerId == runnerId).ToListAsync());
        Assert.All(intents, i => Assert.NotEqual(GarminSyncIntentStatus.Pending, i.Status));
        Assert.DoesNotContain(intents, i => i.Status == GarminSyncIntentStatus.Failed);
        var sync = await A.QueryAsync(db => db.GarminSessionSyncs.AsNoTracking().SingleAsync(s => s.SessionId == sessionId));
        Assert.Equal(workout.WorkoutId, sync.WorkoutId);
        Assert.Equal(entry.ScheduleId, sync.ScheduleId);
    }

    private static async Task RunSyncAsync(TwoInstanceFactory instance, string runnerId)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<GarminSyncJob>().RunAsync(runnerId, CancellationToken.None);
    }

    /// <summary>Sync jobs scheduled, enqueued or running in the shared store (either instance's).</summary>
    private static int QueuedSyncJobs(TwoInstanceFactory instance)
    {
        var monitor = instance.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var jobs = monitor.ScheduledJobs(0, 500).Select(j => j.Value.Job)
            .Concat(monitor.ProcessingJobs(0, 500).Select(j => j.Value.Job))
            .Concat(monitor.Queues().SelectMany(q => monitor.EnqueuedJobs(q.Name, 0, 500)).Select(j => j.Value.Job));
        return jobs.Count(j => j?.Type == typeof(GarminSyncJob));
    }
}
