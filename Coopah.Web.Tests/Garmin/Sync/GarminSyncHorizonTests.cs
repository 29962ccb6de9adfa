using Coopah.Web.Data;
using Coopah.Web.Garmin.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Garmin.Sync;

/// <summary>Only the horizon is pushed; the horizon job pushes what enters it and leaves past days alone.</summary>
public sealed class GarminSyncHorizonTests(GarminSyncFactory.Horizon factory) : IClassFixture<GarminSyncFactory.Horizon>
{
    [Fact]
    public async Task HorizonJob_NextDay_PushesTheSessionsEnteringTheHorizonAndKeepsPastOnes()
    {
        var (runner, garmin, _) = await factory.LinkedRunnerWithPlanAsync("horizon");
        var first = await factory.Calendar.TodayAsync(runner);
        await factory.ConvergeAsync(runner, garmin);
        Assert.All(factory.SandboxTraining.Calendar(garmin), e => Assert.InRange(e.Date, first, first.AddDays(2)));

        // Advance until a day with a session enters the horizon.
        var entering = (await factory.Calendar.GetSessionsAsync(runner, first.AddDays(3), first.AddDays(20))).First();
        var days = entering.Date.DayNumber - first.AddDays(2).DayNumber;
        factory.Clock.Advance(TimeSpan.FromDays(days));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<GarminSyncHorizonJob>().RunAsync(CancellationToken.None) >= 1);
        }

        await factory.ConvergeAsync(runner, garmin, () => factory.ExpectedAsync(runner, from: first));
        Assert.Contains(factory.SandboxTraining.Calendar(garmin), e => e.Date == entering.Date);
    }

    [Fact]
    public async Task HorizonJob_MovesTheHorizonAtTheRunnersLocalMidnightNotUtcs()
    {
        var (runner, _, _) = await factory.LinkedRunnerWithPlanAsync("kiritimati");
        // UTC+14 all year: its day starts at 10:00 UTC of the day before.
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<CoopahDbContext>>().CreateDbContextAsync())
        {
            await db.RunnerGoals.Where(g => g.RunnerId == runner).ExecuteUpdateAsync(s => s.SetProperty(g => g.TimeZoneId, "Pacific/Kiritimati"));
        }

        // 11:00 UTC on some day D is 01:00 on D + 1 in Kiritimati.
        var now = factory.Clock.GetUtcNow();
        var elevenUtc = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1).AddHours(11), TimeSpan.Zero);
        factory.Clock.Advance(elevenUtc - now);
        var d = DateOnly.FromDateTime(elevenUtc.UtcDateTime);

        Assert.Equal(1, await MoveAsync(runner));
        Assert.Equal(d.AddDays(1), await MovedOnAsync(runner));
        Assert.Equal(0, await MoveAsync(runner));

        // UTC's midnight (14:00 local) does not move it...
        factory.Clock.Advance(TimeSpan.FromHours(13.5));
        Assert.Equal(0, await MoveAsync(runner));

        // ...Kiritimati's does, once.
        factory.Clock.Advance(TimeSpan.FromHours(10));
        Assert.Equal(1, await MoveAsync(runner));
        Assert.Equal(d.AddDays(2), await MovedOnAsync(runner));
        factory.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await MoveAsync(runner));
    }

    /// <summary>Runs the horizon job; how many Reconcile intents it gave <paramref name="runner"/>.</summary>
    private async Task<int> MoveAsync(string runner)
    {
        var before = await ReconcilesAsync(runner);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<GarminSyncHorizonJob>().RunAsync(CancellationToken.None);
        }

        return await ReconcilesAsync(runner) - before;
    }

    private Task<int> ReconcilesAsync(string runner) =>
        factory.QueryAsync(db => db.GarminSyncIntents.CountAsync(i => i.RunnerId == runner && i.Kind == GarminSyncIntentKind.Reconcile && i.SessionId == null));

    private Task<DateOnly?> MovedOnAsync(string runner) =>
        factory.QueryAsync(db => db.GarminLinks.Where(l => l.UserId == runner).Select(l => l.HorizonMovedOnLocalDate).SingleAsync());
}
