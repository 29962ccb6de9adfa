using Coopah.Core.Matching;
using Coopah.Web.Matching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Matching;

/// <summary>Runs delivered through the real webhooks and inbox job, matched by the real matching job.</summary>
public sealed class RunMatchingTests(MatchingFactory factory) : IClassFixture<MatchingFactory>
{
    private static readonly DateOnly Day = new(2026, 10, 14);

    private static DateTime Utc(DateOnly date, int hour, int minute = 0) => date.ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Utc);

    [Fact]
    public async Task Run_OnTheDayOfASession_IsMatchedToIt()
    {
        var (runnerId, garminUserId, _) = await factory.LinkedRunnerAsync("same-day");
        var sessionId = await factory.AddSessionAsync(runnerId, Day, 40);

        await factory.PushSummaryAsync(garminUserId, 5_000_001, Utc(Day, 6), 3600, 41 * 60);

        var run = Assert.Single(await factory.SettledRunsAsync(runnerId));
        Assert.Equal(sessionId, run.SessionId);
        Assert.Equal(MatchMethod.SameDay, run.Method);
        Assert.True(run.IsRunning);
        Assert.NotNull(run.Colour);
    }

    [Theory]
    [InlineData(19800, 23, 30, 1)]    // 23:30 UTC at +5:30 is 05:00 the next local day
    [InlineData(-25200, 3, 0, -1)]    // 03:00 UTC at -7 h is 20:00 the previous local day
    [InlineData(50400, 10, 30, 1)]    // +14 h (Kiribati): 10:30 UTC is 00:30 the next day
    [InlineData(34200, 14, 29, 0)]    // +9:30: 14:29 UTC is 23:59 the same day
    public async Task LocalDate_IsStartPlusOffset_NeverTheUtcDate(int offset, int utcHour, int utcMinute, int dayShift)
    {
        var (runnerId, garminUserId, _) = await factory.LinkedRunnerAsync($"tz{offset}");
        var utcDay = await factory.AddSessionAsync(runnerId, Day, 30, "On the UTC date");
        var localDay = dayShift == 0 ? utcDay : await factory.AddSessionAsync(runnerId, Day.AddDays(dayShift), 30, "On the local date");

        await factory.PushSummaryAsync(garminUserId, 5_100_000 + offset, Utc(Day, utcHour, utcMinute), offset, 30 * 60);

        var run = Assert.Single(await factory.SettledRunsAsync(runnerId));
        Assert.Equal(Day.AddDays(dayShift), run.LocalDate);
        Assert.Equal(localDay, run.SessionId);
    }

    [Fact]
    public async Task DoubleDay_TheLaterRunTakesTheSessionItFitsBetter()
    {
        var (runnerId, garminUserId, _) = await factory.LinkedRunnerAsync("double-day");
        var easy = await factory.AddSessionAsync(runnerId, Day, 30, "Easy 30");
        var longRun = await factory.AddSessionAsync(runnerId, Day, 75, "Long 75");

        // The evening long run arrives first and takes the long session; the morning jog arrives later.
        await factory.PushSummaryAsync(garminUserId, 5_200_002, Utc(Day, 17), 0, 72 * 60);
        await factory.SettledRunsAsync(runnerId, runs => runs.Count == 1);
        await factory.PushSummaryAsync(garminUserId, 5_200_001, Utc(Day, 6), 0, 31 * 60);

        var settled = await factory.SettledRunsAsync(runnerId, runs => runs.Count == 2);
        Assert.Equal(easy, settled.Single(r => r.ActivityKey == "5200001").SessionId);
        Assert.Equal(longRun, settled.Single(r => r.ActivityKey == "5200002").SessionId);
    }

    [Fact]
    public async Task WarmUpAndRace_OneSession_TheRaceIsMatched_TheWarmUpIsUnplanned()
    {
        var (runnerId, garminUserId, _) = await factory.LinkedRunnerAsync("race-day");
        var race = await factory.AddSessionAsync(runnerId, Day, 21, "5 km race");

        await factory.PushSummaryAsync(garminUserId, 5_300_001, Utc(Day, 8, 30), 0, 15 * 60, "Warm up");
        await factory.SettledRunsAsync(runnerId, runs => runs.Count == 1);
        await factory.PushSummaryAsync(garminUserId, 5_300_002, Utc(Day, 9), 0, 20 * 60, "Race");

        var settled = await factory.SettledRunsAsync(runnerId, runs => runs.Count == 2);
        Assert.Equal(race, settled.Single(r => r.ActivityKey == "5300002").SessionId);
        var warmUp = settled.Single(r => r.ActivityKey == "5300001");
        Assert.Null(warmUp.SessionId);
        Assert.Equal(MatchMethod.Unplanned, warmUp.Method);
    }

    [Fact]
    public async Task ResentSummary_UpdatesTheRun_NeverDuplicatesIt()
    {
        var (runnerId, garminUserId, _) = await factory.LinkedRunnerAsync("resent");
        await factory.AddSessionAsync(runnerId, Day, 40);

        await factory.PushSummaryAsync(garminUserId, 5_400_001, Utc(Day, 6), 0, 20 * 60, "Morning Run");
        await factory.SettledRunsAsync(runnerId, runs => runs.Count == 1);
        await factory.PushSummaryAsync(garminUserId, 5_400_001, Utc(Day, 6), 0, 40 * 60, "Morning Run (edited)");

        var run = Assert.Single(await factory.SettledRunsAsync(runnerId, runs => runs.Count == 1 && runs[0].Name == "Morning Run (edited)"));
        Assert.Equal(40 * 60, run.TimerSeconds);
    }

    [Fact]
    public async Task NonRunningActivity_IsKept_ButNeverMatched()
    {
        var (runnerId, garminUserId, _) = await factory.LinkedRunnerAsync("cyclist");
        await factory.AddSessionAsync(runnerId, Day, 60);

        await factory.PushSummaryAsync(garminUserId, 5_500_001, Utc(Day, 6), 0, 60 * 60, "Ride", "ROAD_BIKING");

        var run = Assert.Single(await factory.SettledRunsAsync(runnerId));
        Assert.False(run.IsRunning);
        Assert.Null(run.SessionId);
    }

    [Fact]
    public async Task SessionCodeInTheName_MatchesASessionOnAnotherDay()
    {
        var (runnerId, garminUserId, _) = await factory.LinkedRunnerAsync("coded");
        var planned = await factory.AddSessionAsync(runnerId, Day.AddDays(3), 45, "Tempo");
        await factory.AddSessionAsync(runnerId, Day, 45, "Easy");

        await factory.PushSummaryAsync(garminUserId, 5_600_001, Utc(Day, 6), 0, 45 * 60, $"[CP{planned}] Tempo");

        var run = Assert.Single(await factory.SettledRunsAsync(runnerId));
        Assert.Equal(planned, run.SessionId);
        Assert.Equal(MatchMethod.SessionCode, run.Method);
    }

    [Fact]
    public async Task SessionCodeOfAnotherRunnersSession_IsIgnored()
    {
        var (otherId, _, _) = await factory.LinkedRunnerAsync("other-owner");
        var foreign = await factory.AddSessionAsync(otherId, Day, 45, "Not yours");
        var (runnerId, garminUserId, _) = await factory.LinkedRunnerAsync("forger");
        var own = await factory.AddSessionAsync(runnerId, Day, 45, "Yours");

        await factory.PushSummaryAsync(garminUserId, 5_700_001, Utc(Day, 6), 0, 45 * 60, $"[CP{foreign}] Tempo");

        var run = Assert.Single(await factory.SettledRunsAsync(runnerId));
        Assert.Equal(own, run.SessionId);
    }

    [Fact]
    public async Task ManualUnmatch_IsLocked_AgainstLaterDeliveries()
    {
        var (runnerId, garminUserId, _) = await factory.LinkedRunnerAsync("manual");
        await factory.AddSessionAsync(runnerId, Day, 40);
        await factory.PushSummaryAsync(garminUserId, 5_800_001, Utc(Day, 6), 0, 40 * 60);
        var run = Assert.Single(await factory.SettledRunsAsync(runnerId, runs => runs.Count == 1 && runs[0].SessionId is not null));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Equal(PairingResult.Done, await scope.ServiceProvider.GetRequiredService<RunPairing>().PairAsync(Viewer.Runner(runnerId), run.Id, null));
        }

        await factory.PushSummaryAsync(garminUserId, 5_800_001, Utc(Day, 6), 0, 41 * 60);
        var after = Assert.Single(await factory.SettledRunsAsync(runnerId, runs => runs[0].TimerSeconds == 41 * 60));
        Assert.Null(after.SessionId);
        Assert.True(after.MatchLocked);
        Assert.Equal(MatchMethod.Manual, after.Method);
    }

    [Fact]
    public async Task ManualRematch_MovesTheRun_AndFreesTheSessionItHad()
    {
        var (runnerId, garminUserId, _) = await factory.LinkedRunnerAsync("rematch");
        var today = await factory.AddSessionAsync(runnerId, Day, 40, "Today");
        var yesterday = await factory.AddSessionAsync(runnerId, Day.AddDays(-1), 40, "Yesterday");
        await factory.PushSummaryAsync(garminUserId, 5_900_001, Utc(Day, 6), 0, 40 * 60);
        var run = Assert.Single(await factory.SettledRunsAsync(runnerId, runs => runs.Count == 1 && runs[0].SessionId is not null));
        Assert.Equal(today, run.SessionId);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var pairing = scope.ServiceProvider.GetRequiredService<RunPairing>();
            Assert.Equal(PairingResult.Done, await pairing.PairAsync(Viewer.Runner(runnerId), run.Id, yesterday));
            Assert.Equal(PairingResult.NotFound, await pairing.PairAsync(Viewer.Runner(runnerId), run.Id, 987_654));
        }

        var after = Assert.Single(await factory.SettledRunsAsync(runnerId, runs => runs[0].SessionId == yesterday));
        Assert.True(after.MatchLocked);
    }

    [Fact]
    public async Task UnreadableFitFile_KeepsTheMatch_AndSaysWhy()
    {
        var (runnerId, garminUserId, _) = await factory.LinkedRunnerAsync("bad-fit");
        var sessionId = await factory.AddSessionAsync(runnerId, Day, 40);
        await factory.PushSummaryAsync(garminUserId, 6_100_001, Utc(Day, 6), 0, 40 * 60);
        await factory.SettledRunsAsync(runnerId, runs => runs.Count == 1);

        var url = factory.Services.GetRequiredService<Coopah.Web.Sandbox.SandboxFileStore>().Put(System.Text.Encoding.ASCII.GetBytes("not a FIT file at all"), "FIT");
        await factory.PushAsync("activityFiles", $$"""{"activityFiles":[{"userId":"{{garminUserId}}","summaryId":"6100001-file","fileType":"FIT","callbackURL":"{{url.AbsoluteUri}}","activityId":6100001}]}""");

        var run = Assert.Single(await factory.SettledRunsAsync(runnerId, runs => runs[0].HasFitFile));
        Assert.Equal(sessionId, run.SessionId);
        Assert.Contains("FIT file could not be read", run.Notes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MatchJob_RunTwiceConcurrently_HasOneEffect()
    {
        var (runnerId, garminUserId, _) = await factory.LinkedRunnerAsync("concurrent");
        var sessionId = await factory.AddSessionAsync(runnerId, Day, 40);
        await factory.SettledRunsAsync(runnerId);
        await factory.QueryAsync(db => db.GarminActivities.CountAsync());

        // Deliver, then run the job twice at once alongside whatever the kicker queued.
        await factory.PushSummaryAsync(garminUserId, 6_000_001, Utc(Day, 6), 0, 40 * 60);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var a = scope.ServiceProvider.GetRequiredService<MatchRunJob>();
            var b = factory.Services.CreateScope().ServiceProvider.GetRequiredService<MatchRunJob>();
            await Task.WhenAll(a.RunAsync(runnerId, CancellationToken.None), b.RunAsync(runnerId, CancellationToken.None));
        }

        var run = Assert.Single(await factory.SettledRunsAsync(runnerId, runs => runs.Count == 1));
        Assert.Equal(sessionId, run.SessionId);
        Assert.Equal(1, await factory.QueryAsync(db => db.Set<MatchedRun>().CountAsync(r => r.SessionId == sessionId)));
    }
}
