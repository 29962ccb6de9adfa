using System.Text;
using Coopah.Core.Garmin.Training;
using Coopah.Core.Plans;
using Coopah.Web.Data;
using Coopah.Web.Jobs;
using Coopah.Web.Plans;
using Hangfire;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Coopah.Web.Tests.Garmin.Sync;

/// <summary>The sandbox host with quick retries, plus helpers that compare our calendar with what the sandbox holds.</summary>
public class GarminSyncFactory : GarminSandboxFactory
{
    public GarminSyncFactory()
    {
    }

    /// <inheritdoc cref="CoopahWebApplicationFactory(string, bool)"/>
    protected GarminSyncFactory(string dataDirectory, bool ownsDataDirectory)
        : base(dataDirectory, ownsDataDirectory)
    {
    }

    public RunnerCalendar Calendar => Services.GetRequiredService<RunnerCalendar>();

    /// <summary>Days pushed ahead (the GarminSync:HorizonDays setting).</summary>
    public virtual int HorizonDays => 14;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("GarminSync:HorizonDays", HorizonDays.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("GarminSync:BaseRetryDelay", "00:00:00.200");
        builder.UseSetting("GarminSync:MaxRetryDelay", "00:00:01");
        builder.UseSetting("GarminSync:Debounce", "00:00:00.300");
    }

    /// <summary>A runner linked through the sandbox (with the given permissions) and on a 5 km plan.</summary>
    public async Task<(string RunnerId, string GarminUserId, HttpClient Client)> LinkedRunnerWithPlanAsync(string name, IEnumerable<string>? permissions = null)
    {
        var (runnerId, client) = await NewRunnerAsync(name + "@sync.test");
        Assert.Equal("linked", await GarminLinkDriver.LinkAsync(client, login: name + "-garmin", permissions: permissions));
        var today = await Calendar.TodayAsync(runnerId);
        var goal = await Calendar.SetGoalAsync(runnerId, new GoalInput
        {
            Goal = GoalDistance.FiveK,
            GoalDate = today.AddDays(41),
            RunDays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Thursday, DayOfWeek.Saturday, DayOfWeek.Sunday],
            LongRunDay = DayOfWeek.Sunday,
            PaceSource = PaceSource.RecentRace,
            RaceDistanceMetres = 5000,
            TimeSeconds = 20 * 60,
        });
        Assert.True(goal.Succeeded, goal.Error);
        var garminUserId = await QueryAsync(db => db.GarminLinks.Where(l => l.UserId == runnerId).Select(l => l.GarminUserId).SingleAsync());
        return (runnerId, garminUserId, client);
    }

    /// <summary>"date [CPid] name" for every session that should be on the watch (the horizon, not skipped).</summary>
    public async Task<IReadOnlyList<string>> ExpectedAsync(string runnerId, DateOnly? from = null)
    {
        var today = await Calendar.TodayAsync(runnerId);
        var sessions = await Calendar.GetSessionsAsync(runnerId, from ?? today, today.AddDays(HorizonDays - 1));
        return [.. sessions.Where(s => !s.Skipped)
            .Select(s => Line(s.Date, GarminWorkoutMapper.FormatWorkoutName(SessionWorkoutMapper.SessionCode(s.Id), s.Name)))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>The same lines from the sandbox's calendar.</summary>
    public IReadOnlyList<string> Actual(string garminUserId) =>
        [.. SandboxTraining.Calendar(garminUserId).Select(e => Line(e.Date, e.Workout.WorkoutName ?? "")).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Waits (bounded) until nothing is pending and the sandbox matches <paramref name="expected"/>; on a stall
    /// the message shows both sides, the outbox and Hangfire.
    /// </summary>
    public async Task ConvergeAsync(string runnerId, string garminUserId, Func<Task<IReadOnlyList<string>>>? expected = null)
    {
        expected ??= () => ExpectedAsync(runnerId);
        await Poll.UntilAsync(
            async () =>
            {
                var pending = await QueryAsync(db => db.GarminSyncIntents.CountAsync(i => i.RunnerId == runnerId && i.Status == GarminSyncIntentStatus.Pending));
                return (Pending: pending, Want: await expected(), Have: Actual(garminUserId));
            },
            s => s.Pending == 0 && s.Want.SequenceEqual(s.Have) && SandboxTraining.Workouts(garminUserId).Count == s.Have.Count,
            s => StateAsync(runnerId, garminUserId, s.Want, s.Have),
            TimeSpan.FromSeconds(120));
    }

    public async Task<string> StateAsync(string runnerId, string garminUserId, IReadOnlyList<string> want, IReadOnlyList<string> have)
    {
        var text = new StringBuilder("Sync did not converge.\nExpected:\n  ").AppendJoin("\n  ", want)
            .Append("\nSandbox:\n  ").AppendJoin("\n  ", have)
            .Append("\nSandbox workouts: ").Append(SandboxTraining.Workouts(garminUserId).Count);
        var intents = await QueryAsync(db => db.GarminSyncIntents.Where(i => i.RunnerId == runnerId).OrderByDescending(i => i.Id).Take(10).ToListAsync());
        text.Append("\nLatest intents:");
        foreach (var i in intents)
        {
            text.Append("\n  ").Append(i.Id).Append(' ').Append(i.Kind).Append(' ').Append(i.SessionId).Append(' ').Append(i.Status)
                .Append(" attempts=").Append(i.Attempts).Append(" next=").Append(i.NextAttemptUtc?.ToString("O")).Append(' ').Append(i.LastError);
        }

        var rows = await QueryAsync(db => db.GarminSessionSyncs.Where(s => s.RunnerId == runnerId && s.State == GarminSessionSyncState.Failed).ToListAsync());
        foreach (var r in rows)
        {
            text.Append("\n  failed session ").Append(r.SessionId).Append(": ").Append(r.LastError);
        }

        var monitor = Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        var stats = monitor.GetStatistics();
        text.Append("\nHangfire: enqueued=").Append(stats.Enqueued).Append(" scheduled=").Append(stats.Scheduled)
            .Append(" processing=").Append(stats.Processing).Append(" failed=").Append(stats.Failed)
            .AppendJoin(" / ", monitor.FailedJobs(0, 3).Select(f => f.Value.ExceptionMessage));
        return text.ToString();
    }

    /// <summary>A fake clock and a 3-day horizon, to watch the horizon move.</summary>
    public sealed class Horizon : GarminSyncFactory
    {
        public override int HorizonDays => 3;

        protected override bool UseFakeClock => true;

        protected override IHost CreateHost(IHostBuilder builder)
        {
            var host = base.CreateHost(builder);
            // The tests run the horizon job at instants of their choosing on the fake clock; Hangfire's own
            // schedule (hourly, on the real clock) would run it at others.
            host.Services.GetRequiredService<IRecurringJobManager>().RemoveIfExists(RecurringJobs.SyncHorizon);
            return host;
        }
    }

    private static string Line(DateOnly date, string name) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " " + name;
}
