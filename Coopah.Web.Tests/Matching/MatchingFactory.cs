using System.Globalization;
using System.Net;
using System.Text;
using Coopah.Core.Plans;
using Coopah.Web.Data;
using Coopah.Web.Matching;
using Coopah.Web.Tests.Garmin.Sync;
using Coopah.Web.Plans;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Coopah.Web.Tests.Infrastructure;

namespace Coopah.Web.Tests.Matching;

/// <summary>The sandbox host with matching running at once, plus helpers to deliver runs through the real webhooks.</summary>
public class MatchingFactory : GarminSyncFactory
{
    protected override bool DeliverPushesToWebhooks => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Matching:Debounce", "00:00:00");
    }

    /// <summary>A linked runner (no goal, so no plan sessions): tests add exactly the sessions they need.</summary>
    public async Task<(string RunnerId, string GarminUserId, HttpClient Client)> LinkedRunnerAsync(string name)
    {
        var (runnerId, client) = await NewRunnerAsync(name + "@match.test");
        Assert.Equal("linked", await GarminLinkDriver.LinkAsync(client, login: name + "-garmin"));
        var garminUserId = await QueryAsync(db => db.GarminLinks.Where(l => l.UserId == runnerId).Select(l => l.GarminUserId).SingleAsync());
        return (runnerId, garminUserId, client);
    }

    /// <summary>A session on the runner's calendar: <paramref name="minutes"/> of easy running as one time step.</summary>
    public async Task<int> AddSessionAsync(string runnerId, DateOnly date, int minutes, string name = "Easy run")
    {
        var result = await Calendar.AddSessionAsync(runnerId, new SessionEdit(
            date, name, SessionKind.Easy, [new WorkoutStep(StepIntensity.Active, StepDuration.Minutes(minutes), StepTarget.Open)]));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result.SessionId!.Value;
    }

    /// <summary>Posts a body to our webhook the way Garmin does and expects the 200.</summary>
    public async Task PushAsync(string type, string json)
    {
        using var client = CreateClient();
        using var response = await client.PostAsync(
            $"/webhooks/garmin/{WebhookSecret}/{type}", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public Task PushSummaryAsync(string garminUserId, long activityId, DateTime startUtc, int offsetSeconds, int seconds, string name = "Morning Run", string type = "RUNNING") =>
        PushAsync("activities", Summary(garminUserId, activityId, startUtc, offsetSeconds, seconds, name, type));

    public static string Summary(string garminUserId, long activityId, DateTime startUtc, int offsetSeconds, int seconds, string name = "Morning Run", string type = "RUNNING")
    {
        var start = (long)(startUtc - DateTime.UnixEpoch).TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture,
            $$"""{"activities":[{"userId":"{{garminUserId}}","summaryId":"{{activityId}}","activityId":{{activityId}},"activityName":"{{name}}","activityType":"{{type}}","startTimeInSeconds":{{start}},"startTimeOffsetInSeconds":{{offsetSeconds}},"durationInSeconds":{{seconds}},"distanceInMeters":{{seconds * 3.0}},"averageHeartRateInBeatsPerMinute":140}]}""");
    }

    /// <summary>Waits (bounded) until every delivery is processed and matched; then returns the runner's runs.</summary>
    public async Task<IReadOnlyList<MatchedRun>> SettledRunsAsync(string runnerId, Func<IReadOnlyList<MatchedRun>, bool>? until = null) =>
        (await Poll.UntilAsync(
            () => QueryAsync(async db =>
            {
                var busy = await db.GarminInbox.AnyAsync(m => m.Status == InboxStatus.Pending)
                    || await db.GarminActivities.AnyAsync(a => a.UserId == runnerId && a.NeedsMatching)
                    || await db.GarminFiles.AnyAsync(f => f.UserId == runnerId && f.NeedsMatching)
                    || await db.Set<MatchedRun>().AnyAsync(r => r.RunnerId == runnerId && r.NeedsAnalysis);
                return (Busy: busy, Runs: (IReadOnlyList<MatchedRun>)await db.Set<MatchedRun>().AsNoTracking().Where(r => r.RunnerId == runnerId).OrderBy(r => r.StartTimeUtc).ToListAsync());
            }),
            state => !state.Busy && (until is null || until(state.Runs)),
            async state => $"Matching did not settle. Runs: {state.Runs.Count}; inbox: " +
                await QueryAsync(async db => string.Join("; ", await db.GarminInbox.Select(m => $"{m.Type}:{m.Status}:{m.LastError}").ToListAsync())))).Runs;
}
