using Coopah.Web.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Garmin.Sync;

/// <summary>Only the horizon is pushed; the daily job pushes what enters it and leaves past days alone.</summary>
public sealed class GarminSyncHorizonTests(GarminSyncFactory.Horizon factory) : IClassFixture<GarminSyncFactory.Horizon>
{
    [Fact]
    public async Task HorizonJob_NextDay_PushesTheSessionsEnteringTheHorizonAndKeepsPastOnes()
    {
        var (runner, garmin, _) = await factory.LinkedRunnerWithPlanAsync("horizon");
        var first = await factory.Calendar.TodayAsync(runner);
        await factory.ConvergeAsync(runner, garmin);
        Assert.All(factory.Sandbox.Calendar(garmin), e => Assert.InRange(e.Date, first, first.AddDays(2)));

        // Advance until a day with a session enters the horizon.
        var entering = (await factory.Calendar.GetSessionsAsync(runner, first.AddDays(3), first.AddDays(20))).First();
        var days = entering.Date.DayNumber - first.AddDays(2).DayNumber;
        factory.Clock.Advance(TimeSpan.FromDays(days));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<GarminSyncHorizonJob>().RunAsync(CancellationToken.None) >= 1);
        }

        await factory.ConvergeAsync(runner, garmin, () => factory.ExpectedAsync(runner, from: first));
        Assert.Contains(factory.Sandbox.Calendar(garmin), e => e.Date == entering.Date);
    }
}
