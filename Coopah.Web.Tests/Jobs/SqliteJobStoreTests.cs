using Coopah.Web.Tests.Infrastructure;
using Coopah.Web.Garmin.Sync;
using Coopah.Web.Garmin.Inbox;
using Coopah.Core.Garmin.Training;
using Coopah.Web.Data;
using Coopah.Web.Matching;
using Coopah.Web.Tests.Matching;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Jobs;

/// <summary>The matching host (sandbox Garmin, pushes through our webhooks) on the real SQLite job store.</summary>
public sealed class SqliteJobStoreFactory : MatchingFactory
{
    protected override string HangfireStorage => "SQLite";
}

/// <summary>
/// The whole path on Hangfire.Storage.SQLite: webhook, inbox job, matching, workout sync. That storage is known to
/// hand a job out twice under races, so the inbox, sync and matching jobs are also run twice at once here and must
/// leave one effect.
/// </summary>
[Trait("Database", TestDatabase.SqliteOnly)]
public sealed class SqliteJobStoreTests(SqliteJobStoreFactory factory) : IClassFixture<SqliteJobStoreFactory>
{
    private static readonly DateOnly Day = new(2026, 10, 14);

    private static DateTime Utc(DateOnly date, int hour) => date.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Utc);

    [Fact]
    public async Task Webhook_OnTheSqliteStore_IsProcessedAndMatched()
    {
        var storage = factory.Services.GetRequiredService<JobStorage>();
        Assert.Equal("SQLiteStorage", storage.GetType().Name);
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "hangfire.db")));
        var (runnerId, garminUserId, _) = await factory.LinkedRunnerAsync("sqlite-e2e");
        var sessionId = await factory.AddSessionAsync(runnerId, Day, 40);
        var succeededBefore = storage.GetMonitoringApi().SucceededListCount();

        await factory.PushSummaryAsync(garminUserId, 7_000_001, Utc(Day, 6), 0, 40 * 60);

        var run = Assert.Single(await factory.SettledRunsAsync(runnerId, runs => runs.Count == 1));
        Assert.Equal(sessionId, run.SessionId);
        var row = await factory.QueryAsync(db => db.GarminInbox.AsNoTracking().OrderByDescending(m => m.Id).FirstAsync(m => m.Type == "activities"));
        Assert.Equal(InboxStatus.Processed, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.True(storage.GetMonitoringApi().SucceededListCount() > succeededBefore, "The jobs did not go through the SQLite store.");
    }

    [Fact]
    public async Task InboxSyncAndMatchJobs_RunTwiceConcurrently_HaveOneEffect()
    {
        var (runnerId, garminUserId, _) = await factory.LinkedRunnerAsync("sqlite-twice");
        var today = await factory.Calendar.TodayAsync(runnerId);
        var pastSession = await factory.AddSessionAsync(runnerId, Day, 40);
        await factory.AddSessionAsync(runnerId, today.AddDays(1), 30, "Synced once");
        await factory.ConvergeAsync(runnerId, garminUserId);

        // Workout sync: a new session, its run kicked by the commit, and two more copies of the run at once.
        var newSession = await factory.AddSessionAsync(runnerId, today.AddDays(2), 35, "Created once");
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<GarminSyncJob>().RunAsync(runnerId, CancellationToken.None);
        })));
        await factory.ConvergeAsync(runnerId, garminUserId);
        var code = "[" + SessionWorkoutMapper.SessionCode(newSession) + "]";
        Assert.Single(factory.SandboxTraining.Calendar(garminUserId), e => e.Workout.WorkoutName?.StartsWith(code, StringComparison.Ordinal) == true);
        Assert.Equal(1, await factory.QueryAsync(db => db.GarminSessionSyncs.CountAsync(s => s.SessionId == newSession)));

        // Inbox: the webhook's own job, and the same job twice at once for the row.
        await factory.PushSummaryAsync(garminUserId, 7_100_001, Utc(Day, 7), 0, 40 * 60);
        var rowId = await factory.QueryAsync(db => db.GarminInbox.Where(m => m.Type == "activities").MaxAsync(m => m.Id));
        var ids = new[] { rowId };
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ProcessGarminInboxJob>().RunAsync(ids, CancellationToken.None);
        })));

        // Matching: the kicked run and two more at once.
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<MatchRunJob>().RunAsync(runnerId, CancellationToken.None);
        })));

        var run = Assert.Single(await factory.SettledRunsAsync(runnerId, runs => runs.Count == 1));
        Assert.Equal(pastSession, run.SessionId);
        var row = await factory.QueryAsync(db => db.GarminInbox.AsNoTracking().SingleAsync(m => m.Id == rowId));
        Assert.Equal(InboxStatus.Processed, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(1, await factory.QueryAsync(db => db.GarminActivities.CountAsync(a => a.SummaryId == "7100001")));
        Assert.Equal(1, await factory.QueryAsync(db => db.Set<MatchedRun>().CountAsync(r => r.SessionId == pastSession)));
    }
}
