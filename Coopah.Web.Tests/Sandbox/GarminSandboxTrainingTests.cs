using System.Net;
using Coopah.Core.Garmin;
using Coopah.Web.Sandbox;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Sandbox;

/// <summary>The sandbox's Training API V2, schedules, user endpoints and activity files, called through our real Garmin API clients.</summary>
public sealed class GarminSandboxTrainingTests(GarminSandboxFactory factory) : IClassFixture<GarminSandboxFactory>
{
    [Fact]
    public async Task CreateWorkout_HundredSteps_IsStoredWithServerIds()
    {
        var (client, credentials, userId) = Caller("hundred-steps");

        var created = await client.CreateWorkoutAsync(credentials, SandboxWorkouts.Run(100));

        Assert.NotNull(created.WorkoutId);
        Assert.Equal(factory.SandboxAccounts.FindUser(userId)!.OwnerId, created.OwnerId);
        Assert.All(created.Segments[0].Steps, s => Assert.NotNull(((Coopah.Core.Garmin.Training.GarminWorkoutStep)s).StepId));
        Assert.Equal(100, (await Reads.GetWorkoutAsync(credentials, created.WorkoutId!.Value)).Segments[0].Steps.Count);
    }

    [Fact]
    public async Task CreateWorkout_HundredAndOneSteps_Returns400()
    {
        var (client, credentials, _) = Caller("too-many-steps");

        var error = await Assert.ThrowsAsync<GarminApiException>(() => client.CreateWorkoutAsync(credentials, SandboxWorkouts.Run(101)));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("101 steps", error.GarminMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateWorkout_UnknownIntensity_Returns400()
    {
        var (client, credentials, _) = Caller("bad-enum");
        var workout = SandboxWorkouts.Run(1);
        var step = (Coopah.Core.Garmin.Training.GarminWorkoutStep)workout.Segments[0].Steps[0];
        workout = workout with { Segments = [workout.Segments[0] with { Steps = [step with { Intensity = "SPRINT" }] }] };

        var error = await Assert.ThrowsAsync<GarminApiException>(() => client.CreateWorkoutAsync(credentials, workout));

        Assert.True(error.IsBadRequest);
        Assert.Contains("SPRINT", error.GarminMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateWorkout_WithoutWorkoutImport_Returns412()
    {
        var user = factory.SandboxAccounts.EnsureUser("no-import", permissions: ["ACTIVITY_EXPORT"]);
        var client = factory.Services.GetRequiredService<GarminTrainingClient>();
        var credentials = GarminCredentials.Bearer(factory.SandboxOAuth2.IssueOAuth2Tokens(user.GarminUserId).AccessToken!);

        var error = await Assert.ThrowsAsync<GarminApiException>(() => client.CreateWorkoutAsync(credentials, SandboxWorkouts.Run(3)));

        Assert.True(error.NeedsWorkoutImportPermission);
    }

    [Fact]
    public async Task Schedules_CreateMoveListDelete_FollowTheCalendar()
    {
        var (client, credentials, userId) = Caller("calendar");
        var workout = await client.CreateWorkoutAsync(credentials, SandboxWorkouts.Run(3, "Tempo"));
        var monday = new DateOnly(2026, 12, 7);

        var schedule = await client.CreateScheduleAsync(credentials, workout.WorkoutId!.Value, monday);
        await client.UpdateScheduleAsync(credentials, schedule with { Date = monday.AddDays(2) });
        var listed = await Reads.ListSchedulesAsync(credentials, monday, monday.AddDays(6));
        var calendar = factory.SandboxTraining.Calendar(userId);
        await client.DeleteScheduleAsync(credentials, schedule.ScheduleId!.Value);

        Assert.NotNull(schedule.ScheduleId);
        var entry = Assert.Single(listed);
        Assert.Equal(monday.AddDays(2), entry.Date);
        Assert.Equal("Tempo", Assert.Single(calendar).Workout.WorkoutName);
        Assert.Empty(await Reads.ListSchedulesAsync(credentials, monday, monday.AddDays(6)));
        Assert.Empty(factory.SandboxTraining.Calendar(userId));
    }

    [Fact]
    public async Task GetWorkout_OfAnotherUser_Returns404()
    {
        var (client, owner, _) = Caller("owner");
        var (_, stranger, _) = Caller("stranger");
        var workout = await client.CreateWorkoutAsync(owner, SandboxWorkouts.Run(2));

        var error = await Assert.ThrowsAsync<GarminApiException>(() => Reads.GetWorkoutAsync(stranger, workout.WorkoutId!.Value));

        Assert.True(error.IsNotFound);
    }

    [Fact]
    public async Task UserEndpoints_PartnerGatewayPaths_AnswerLikeWellnessPaths()
    {
        var (_, _, userId) = Caller("gateway");
        using var http = factory.CreateAnonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sandbox/garmin/partner-gateway/rest/user/id");
        request.Headers.Authorization = new("Bearer", factory.SandboxOAuth2.IssueOAuth2Tokens(userId).AccessToken);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(userId, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserId_ForgedBearerToken_Returns401()
    {
        var (_, credentials, _) = Caller("forged");
        var token = ((GarminBearerCredentials)credentials).AccessToken;
        var forged = GarminCredentials.Bearer(token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1]);

        var error = await Assert.ThrowsAsync<GarminApiException>(() => factory.Services.GetRequiredService<GarminUserClient>().GetUserIdAsync(forged));

        Assert.True(error.IsAuthBroken);
    }

    [Fact]
    public async Task ActivityFile_SecondDownload_Returns410()
    {
        var files = factory.Services.GetRequiredService<SandboxFileStore>();
        var url = files.Put(new byte[] { 14, 16, 1, 2, 3 });
        var client = factory.Services.GetRequiredService<GarminCallbackClient>();
        using var first = new MemoryStream();

        var bytes = await client.DownloadCallbackAsync(url.AbsoluteUri, first);
        var again = await Assert.ThrowsAsync<GarminApiException>(() => client.DownloadCallbackAsync(url.AbsoluteUri, new MemoryStream()));

        Assert.True(factory.Services.GetRequiredService<Coopah.Core.Garmin.CallbackUrlPolicy>().IsAllowed(url.AbsoluteUri));
        Assert.Equal(5, bytes);
        Assert.Equal(new byte[] { 14, 16, 1, 2, 3 }, first.ToArray());
        Assert.True(again.IsGone);
    }

    [Fact]
    public async Task Backfill_SameRangeTwice_Accepts202ThenReturns409()
    {
        var (_, credentials, _) = Caller("backfill");
        var end = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

        await Reads.RequestBackfillAsync(credentials, "activities", end.AddDays(-7), end);
        var duplicate = await Assert.ThrowsAsync<GarminApiException>(() => Reads.RequestBackfillAsync(credentials, "activities", end.AddDays(-7), end));
        var tooLong = await Assert.ThrowsAsync<GarminApiException>(() => Reads.RequestBackfillAsync(credentials, "activities", end.AddDays(-31), end));

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Contains("duplicate backfill", duplicate.GarminMessage, StringComparison.Ordinal);
        Assert.True(tooLong.IsBadRequest);
    }

    private SandboxReadCalls Reads => new(factory.Services.GetRequiredService<GarminHttpTransport>());

    private (GarminTrainingClient Client, GarminCredentials Credentials, string UserId) Caller(string login)
    {
        var user = factory.SandboxAccounts.EnsureUser(login);
        return (factory.Services.GetRequiredService<GarminTrainingClient>(),
            GarminCredentials.Bearer(factory.SandboxOAuth2.IssueOAuth2Tokens(user.GarminUserId).AccessToken!),
            user.GarminUserId);
    }
}
