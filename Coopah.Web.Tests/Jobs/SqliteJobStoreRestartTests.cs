using Coopah.Web.Garmin.Inbox;
using System.Collections.Concurrent;
using System.Text;
using Coopah.Web.Data;
using Coopah.Web.Jobs;
using Coopah.Web.Tests.Infrastructure;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Jobs;

/// <summary>
/// What the SQLite job store keeps across a restart: a host schedules work and stops before it is due, a new host on
/// the same files runs it once, at its time, without the start-up requeue doubling it; recurring jobs keep their last
/// run and the dashboard its history.
/// </summary>
[Trait("Database", TestDatabase.SqliteOnly)]
public sealed class SqliteJobStoreRestartTests
{
    /// <summary>
    /// Long enough that the first host is stopped and the second has started (and run its start-up requeue) before
    /// the work is due, so running early would show; short enough for the suite. The storage reads the system clock,
    /// so there is no fake clock to turn instead.
    /// </summary>
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(10);

    /// <summary>The store keeps due times in whole seconds, so a job runs in the second it is due.</summary>
    private static readonly TimeSpan Resolution = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Restart_ScheduledWorkRunsOnceAtItsTime_RecurringRunAndHistorySurvive()
    {
        var directory = Path.Combine(Path.GetTempPath(), "coopah-tests", Guid.NewGuid().ToString("N"));
        var probe = new ProbeLog();
        try
        {
            string probeJobId;
            string heartbeatJobId;
            DateTime? heartbeatLastExecution;
            long retriedRowId;
            DateTime dueUtc;
            await using (var first = new RestartFactory(directory, probe))
            {
                var storage = first.Services.GetRequiredService<JobStorage>();
                Assert.Equal("SQLiteStorage", storage.GetType().Name);

                // A recurring job's run, finished before the restart.
                first.Services.GetRequiredService<IRecurringJobManager>().Trigger(RecurringJobs.Heartbeat);
                var heartbeat = await WaitForAsync(() => RecurringJob(storage, RecurringJobs.Heartbeat), r => r?.LastJobState == "Succeeded");
                heartbeatJobId = heartbeat!.LastJobId;
                heartbeatLastExecution = heartbeat.LastExecution;
                Assert.NotNull(heartbeatLastExecution);

                // Delayed work: a plain scheduled job, and an inbox row whose retry waits out its backoff.
                retriedRowId = await AddPendingRowAsync(first, attempts: 1);
                var jobs = first.Services.GetRequiredService<IBackgroundJobClient>();
                dueUtc = DateTime.UtcNow + Delay;
                probeJobId = jobs.Schedule<ProbeJob>(j => j.RunAsync("scheduled"), Delay);
                var retry = new[] { retriedRowId };
                jobs.Schedule<ProcessGarminInboxJob>(j => j.RunAsync(retry, CancellationToken.None), Delay);
            }

            Assert.True(DateTime.UtcNow < dueUtc, "The first host took longer to stop than the delay; the test proves nothing.");
            Assert.Empty(probe.Runs);

            await using var second = new RestartFactory(directory, probe);
            var secondStorage = second.Services.GetRequiredService<JobStorage>();
            var startedUtc = DateTime.UtcNow;

            // The scheduled job ran in the new host, once, not before its time.
            await WaitForAsync(() => Task.FromResult(secondStorage.GetConnection().GetJobData(probeJobId)?.State), s => s == "Succeeded");
            var run = Assert.Single(probe.Runs);
            Assert.Equal("scheduled", run.Tag);
            Assert.True(run.AtUtc >= dueUtc - Resolution, $"Ran at {run.AtUtc:O}, due at {dueUtc:O}.");

            // The inbox row kept its scheduled retry: the start-up requeue left it alone, so it was processed at its
            // time (not at start-up) by exactly one more claim.
            var row = await WaitForAsync(() => Row(second, retriedRowId), r => r.Status == InboxStatus.Processed);
            Assert.True(startedUtc < dueUtc, "The second host started after the work was due; the test proves nothing.");
            Assert.True(row.ProcessedAtUtc >= dueUtc - Resolution, $"Processed at {row.ProcessedAtUtc:O}, due at {dueUtc:O}.");
            Assert.Equal(2, row.Attempts);

            // The recurring job's last run and its history are still there.
            var recurring = await RecurringJob(secondStorage, RecurringJobs.Heartbeat);
            Assert.NotNull(recurring);
            Assert.True(recurring.LastExecution >= heartbeatLastExecution, $"{recurring.LastExecution:O} before {heartbeatLastExecution:O}");
            Assert.Equal("Succeeded", secondStorage.GetConnection().GetJobData(heartbeatJobId)?.State);
            var succeeded = secondStorage.GetMonitoringApi().SucceededJobs(0, 100).Select(j => j.Key).ToList();
            Assert.Contains(heartbeatJobId, succeeded);
            Assert.Contains(probeJobId, succeeded);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open only leaves a temp folder behind.
            }
        }
    }

    private static Task<RecurringJobDto?> RecurringJob(JobStorage storage, string id)
    {
        using var connection = storage.GetConnection();
        return Task.FromResult(connection.GetRecurringJobs([id]).SingleOrDefault(r => !r.Removed));
    }

    private static async Task<long> AddPendingRowAsync(RestartFactory factory, int attempts)
    {
        var body = Encoding.UTF8.GetBytes("""{"activities":[{"userId":"garmin-user-nobody","summaryId":"restart-1"}]}""");
        var message = new GarminInboxMessage
        {
            Type = "activities",
            Body = body,
            BodyLength = body.Length,
            ReceivedAtUtc = DateTime.UtcNow,
            Status = InboxStatus.Pending,
            ItemCount = 1,
            Attempts = attempts,
        };
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoopahDbContext>();
        db.GarminInbox.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    }

    private static async Task<GarminInboxMessage> Row(RestartFactory factory, long id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoopahDbContext>();
        return await db.GarminInbox.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    /// <summary>Polls until <paramref name="done"/>, at most a minute (a stall fails; no timing is asserted here).</summary>
    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The condition was not reached; last value: {value}.");
            }

            await Task.Delay(50);
        }
    }

    public sealed class ProbeLog
    {
        public ConcurrentQueue<(string Tag, DateTime AtUtc)> Runs { get; } = new();
    }

    /// <summary>A job that only records that it ran, shared by both hosts of a test.</summary>
    public sealed class ProbeJob(ProbeLog log)
    {
        public Task RunAsync(string tag)
        {
            log.Runs.Enqueue((tag, DateTime.UtcNow));
            return Task.CompletedTask;
        }
    }

    private sealed class RestartFactory(string directory, ProbeLog probe) : CoopahWebApplicationFactory(directory, ownsDataDirectory: false)
    {
        protected override string HangfireStorage => "SQLite";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Coopah:SeedDemoData", "false");
        }

        protected override void ConfigureTestServices(IServiceCollection services)
        {
            services.AddSingleton(probe);
            services.AddTransient<ProbeJob>();
        }
    }
}
