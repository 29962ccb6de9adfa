using Coopah.Core.Garmin.Training;
using Coopah.Core.Plans;
using Coopah.Web.Data;
using Coopah.Web.Matching;
using Coopah.Web.Sandbox;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Sandbox;

/// <summary>"Simulate a run" end to end: the sandbox delivers over HTTP to our webhooks and the run lands on the runner.</summary>
public sealed class SandboxRunSimulatorTests
{
    [Theory]
    [InlineData("Push")]
    [InlineData("Ping")]
    public async Task Simulate_LinkedRunner_DeliversSummaryDetailsAndFitFile(string mode)
    {
        using var factory = new SimulationFactory(mode);
        var (runnerId, runner) = await factory.NewRunnerAsync($"sim-{mode.ToLowerInvariant()}@example.com");
        await GarminLinkDriver.LinkAsync(runner);

        SimulatedRunResult result;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<SandboxRunSimulator>().SimulateAsync(runnerId, new DateOnly(2026, 11, 20), seed: 4);
        }

        Assert.True(result.Succeeded, result.Message);
        var activityId = result.ActivityId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await WaitAsync(factory, async db =>
            await db.GarminActivities.CountAsync(a => a.ActivityId == activityId) == 2
            && await db.GarminFiles.AnyAsync(f => f.ActivityId == activityId));
        await using var check = factory.Services.CreateAsyncScope();
        var database = check.ServiceProvider.GetRequiredService<CoopahDbContext>();
        var details = await database.GarminActivities.SingleAsync(a => a.ActivityId == activityId && a.SummaryType == "activityDetails");
        Assert.Equal(runnerId, details.UserId);
        Assert.True(details.SampleCount > 100);
        Assert.True(details.LapCount >= 1);
        await WaitAsync(factory, async db => !await db.GarminActivities.AnyAsync(a => a.NeedsMatching) && !await db.GarminFiles.AnyAsync(f => f.NeedsMatching));
        var run = Assert.Single(await database.Runs().AsNoTracking().Where(r => r.RunnerId == runnerId).ToListAsync());
        Assert.Equal(new DateOnly(2026, 11, 20), run.LocalDate);
        Assert.True(run.HasDetails);
        Assert.True(run.HasFitFile);
        var file = await database.GarminFiles.SingleAsync(f => f.ActivityId == activityId);
        Assert.Equal(runnerId, file.UserId);
        Assert.Equal(14, file.Content[0]);
    }

    [Fact]
    [Trait("Database", "SqliteOnly")] // the second host must open the first one's database
    public async Task Simulate_AfterARestart_TheSandboxKnowsTheLinkedRunnerAgain()
    {
        var directory = Path.Combine(Path.GetTempPath(), "coopah-tests", Guid.NewGuid().ToString("N"));
        try
        {
            string runnerId;
            using (var before = new SimulationFactory("Push", directory))
            {
                (runnerId, var runner) = await before.NewRunnerAsync("sim-restart@example.com");
                await GarminLinkDriver.LinkAsync(runner);
            }

            // The sandbox's accounts lived in the first host's memory; the link lives in the database.
            using var after = new SimulationFactory("Push", directory);
            await using var scope = after.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<SandboxRunSimulator>().SimulateAsync(runnerId, new DateOnly(2026, 11, 20), seed: 4);

            Assert.True(result.Succeeded, result.Message);
            await WaitAsync(after, async db => await db.Runs().AnyAsync(r => r.RunnerId == runnerId && r.LocalDate == new DateOnly(2026, 11, 20)));
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

    [Fact]
    public async Task Simulate_RunnerWithoutLink_SaysToLinkFirst()
    {
        using var factory = new SimulationFactory("Push");
        var (runnerId, _) = await factory.NewRunnerAsync("sim-unlinked@example.com");
        await using var scope = factory.Services.CreateAsyncScope();

        var result = await scope.ServiceProvider.GetRequiredService<SandboxRunSimulator>().SimulateAsync(runnerId);

        Assert.False(result.Succeeded);
        Assert.Contains("Link", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_FutureDay_IsRefusedAndTheDayFieldShowsToday()
    {
        using var factory = new SimulationFactory("Push");
        var (runnerId, runner) = await factory.NewRunnerAsync("sim-future@example.com");
        await GarminLinkDriver.LinkAsync(runner);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using var scope = factory.Services.CreateAsyncScope();

        var result = await scope.ServiceProvider.GetRequiredService<SandboxRunSimulator>().SimulateAsync(runnerId, today.AddDays(2));
        var page = await runner.GetStringAsync("/garmin");

        Assert.False(result.Succeeded);
        Assert.Contains("has not happened yet", result.Message, StringComparison.Ordinal);
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<CoopahDbContext>().Runs().Where(r => r.RunnerId == runnerId).ToListAsync());
        Assert.Contains($"value=\"{today:yyyy-MM-dd}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_WorkoutWithSessionCode_MessageNamesTheRunWithoutTheCode()
    {
        using var factory = new SimulationFactory("Push");
        var (runnerId, runner) = await factory.NewRunnerAsync("sim-coded@example.com");
        await GarminLinkDriver.LinkAsync(runner);
        await using var scope = factory.Services.CreateAsyncScope();
        var garminUserId = await scope.ServiceProvider.GetRequiredService<CoopahDbContext>().GarminLinks
            .Where(l => l.UserId == runnerId).Select(l => l.GarminUserId).SingleAsync();
        var workout = SessionWorkoutMapper.Map("CP30", "6 x 800 m", null, StepNotation.Parse("30min active"), paces: null);

        var result = await scope.ServiceProvider.GetRequiredService<SandboxRunSimulator>().RunAsync(
            garminUserId, TimeZoneInfo.Utc, new DateOnly(2026, 11, 20), seed: 3, new SimulatedRunOptions { Workout = workout });

        Assert.True(result.Succeeded, result.Message);
        Assert.StartsWith("Sent \"6 x 800 m\"", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("CP30", result.Message, StringComparison.Ordinal);
    }

    private static Task WaitAsync(GarminSandboxFactory factory, Func<CoopahDbContext, Task<bool>> done) =>
        Poll.UntilAsync(
            async () =>
            {
                await using var scope = factory.Services.CreateAsyncScope();
                return await done(scope.ServiceProvider.GetRequiredService<CoopahDbContext>());
            },
            processed => processed,
            async _ =>
            {
                await using var scope = factory.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CoopahDbContext>();
                return "The simulated run was not processed. Inbox: " + string.Join("; ", await db.GarminInbox.Select(m => $"{m.Type}:{m.Status}:{m.LastError}:{m.Warnings}").ToListAsync());
            });

    private sealed class SimulationFactory : GarminSandboxFactory
    {
        private readonly string _mode;

        public SimulationFactory(string mode) => _mode = mode;

        /// <summary>A host on a data folder it leaves behind for the next one (a restart).</summary>
        public SimulationFactory(string mode, string dataDirectory)
            : base(dataDirectory, ownsDataDirectory: false) => _mode = mode;

        protected override bool DeliverPushesToWebhooks => true;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("GarminSandbox:DeliveryMode", _mode);
        }
    }
}
