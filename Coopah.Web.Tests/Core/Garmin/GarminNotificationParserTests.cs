using System.Text;
using System.Text.Json;
using Coopah.Core.Garmin;
using Coopah.Core.Garmin.Push;

namespace Coopah.Web.Tests.Core.Garmin;

public sealed class GarminNotificationParserTests
{
    private const string ActivitiesPush = """
        {"activities":[
          {"userId":"4aacafe82427c251df9c9592d0c06768","userAccessToken":"uat-1","summaryId":"9001","activityId":9001,
           "activityName":"[E-0412] Easy run","activityType":"RUNNING","startTimeInSeconds":1767250800,"startTimeOffsetInSeconds":3600,
           "durationInSeconds":1800,"distanceInMeters":5400.0,"averageSpeedInMetersPerSecond":3.0,"averageHeartRateInBeatsPerMinute":150,
           "averageRunCadenceInStepsPerMinute":84.5,"deviceName":"Forerunner 265","manual":false,"isParent":false,"newField":{"x":1}},
          {"userId":"31be9cac-0000-4000-8000-000000000001","summaryId":"9002","activityId":"9002","activityType":"TRAIL_RUNNING",
           "startTimeInSeconds":1767337200,"startTimeOffsetInSeconds":-18000}
        ]}
        """;

    private const string ActivityDetailsPush = """
        {"activityDetails":[{"userId":"4aac0768","summaryId":"9001-detail","activityId":9001,
         "summary":{"activityType":"RUNNING","startTimeInSeconds":1767250800,"startTimeOffsetInSeconds":3600,
          "durationInSeconds":1800,"distanceInMeters":5400.0,"averageSpeedInMetersPerSecond":3.0,"averageHeartRateInBeatsPerMinute":150,"deviceName":"Forerunner 265"},
         "samples":[{"startTimeInSeconds":1767250800,"heartRate":120,"speedMetersPerSecond":2.9,"totalDistanceInMeters":0.0,
           "timerDurationInSeconds":0,"clockDurationInSeconds":0,"movingDurationInSeconds":0,"airTemperatureCelcius":11.5,"bikeCadenceInRPM":null},
           {"startTimeInSeconds":1767250803,"heartRate":124,"latitudeInDegree":51.5,"longitudeInDegree":-0.12,"elevationInMeters":20.4}],
         "laps":[{"startTimeInSeconds":1767250800},{"startTimeInSeconds":1767251160}]}]}
        """;

    [Fact]
    public void Parse_ActivitiesPushWithTwoUsers_ReturnsItemsWithUserAndSummaryIds()
    {
        var batch = GarminNotificationParser.Parse(Encoding.UTF8.GetBytes(ActivitiesPush));

        Assert.Equal(
            [("4aacafe82427c251df9c9592d0c06768", "9001"), ("31be9cac-0000-4000-8000-000000000001", "9002")],
            batch.Items.Select(i => (i.UserId, i.SummaryId!)));
        Assert.All(batch.Items, i => Assert.Equal(GarminNotificationType.Activities, i.Type));
        Assert.All(batch.Items, i => Assert.False(i.IsPing));
        var first = Assert.IsType<GarminActivitySummary>(batch.Items[0].Payload);
        Assert.Equal("9001", first.ActivityId);
        Assert.Equal("9002", ((GarminActivitySummary)batch.Items[1].Payload).ActivityId);
        Assert.Equal(5400.0, first.DistanceInMeters);
        Assert.Equal(150, first.AverageHeartRateInBeatsPerMinute);
        Assert.Equal("uat-1", first.UserAccessToken);
        Assert.Equal(-18000, ((GarminActivitySummary)batch.Items[1].Payload).StartTimeOffsetInSeconds);
        Assert.Empty(batch.UnknownKeys);
    }

    [Fact]
    public void Parse_ActivityDetails_ReadsSummarySamplesAndLaps()
    {
        var batch = GarminNotificationParser.Parse(Encoding.UTF8.GetBytes(ActivityDetailsPush));

        var item = Assert.Single(batch.Items);
        var detail = Assert.IsType<GarminActivityDetail>(item.Payload);
        Assert.Equal(GarminNotificationType.ActivityDetails, item.Type);
        Assert.Equal("9001-detail", item.SummaryId);
        Assert.Equal("RUNNING", detail.Summary!.ActivityType);
        Assert.Equal(2, detail.Samples.Count);
        Assert.Equal(11.5, detail.Samples[0].AirTemperatureCelcius);
        Assert.Equal(-0.12, detail.Samples[1].LongitudeInDegree);
        Assert.Equal([1767250800L, 1767251160L], detail.Laps.Select(l => l.StartTimeInSeconds!.Value));
    }

    [Fact]
    public void Parse_Pings_MarksPingsAndKeepsCallbackUrls()
    {
        const string body = """
            {"activities":[{"userId":"u1","callbackURL":"https://apis.garmin.com/wellness-api/rest/activities?uploadStartTimeInSeconds=1&uploadEndTimeInSeconds=2&token=t"}],
             "activityFiles":[{"userId":"u2","summaryId":"9001-file","fileType":"FIT","activityId":9001,"activityType":"RUNNING","activityName":"Run",
               "deviceName":"Forerunner 265","startTimeInSeconds":1767250800,"manual":false,
               "callbackURL":"https://apis.garmin.com/wellness-api/rest/activityFile?id=9001&token=abc"}]}
            """;

        var batch = GarminNotificationParser.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Equal([GarminNotificationType.Activities, GarminNotificationType.ActivityFiles], batch.Items.Select(i => i.Type));
        Assert.All(batch.Items, i => Assert.True(i.IsPing));
        Assert.Null(batch.Items[0].SummaryId);
        var file = Assert.IsType<GarminActivityFile>(batch.Items[1].Payload);
        Assert.Equal("FIT", file.FileType);
        Assert.Equal("https://apis.garmin.com/wellness-api/rest/activityFile?id=9001&token=abc", batch.Items[1].CallbackUrl);
    }

    [Fact]
    public void Parse_LifecycleAndManualUpdates_ReturnsEachTypeAndCountsUnknownKeys()
    {
        const string body = """
            {"deregistrations":[{"userId":"4aacafe82427c251df9c9592d0c06768"},{"userId":"u9","userAccessToken":"t"}],
             "userPermissionsChange":[{"userId":"31be9cac","summaryId":"x120d383-60256e84",
               "permissions":["ACTIVITY_EXPORT","WORKOUT_IMPORT","HEALTH_EXPORT","COURSE_IMPORT","MCT_EXPORT"],"changeTimeInSeconds":1613065860}],
             "manuallyUpdatedActivities":[{"userId":"u3","summaryId":"9003","manual":true,"activityType":"RUNNING"}],
             "moveIQActivities":[{"userId":"u4","summaryId":"m1"}],
             "dailies":[]}
            """;

        var batch = GarminNotificationParser.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Equal(
        [
            GarminNotificationType.ManuallyUpdatedActivities, GarminNotificationType.Deregistrations,
            GarminNotificationType.Deregistrations, GarminNotificationType.UserPermissionsChange,
        ], batch.Items.Select(i => i.Type));
        Assert.Null(batch.Items[1].SummaryId);
        var change = Assert.IsType<GarminUserPermissionsChange>(batch.Items[3].Payload);
        Assert.Equal(5, change.Permissions.Count);
        Assert.Equal(1613065860, change.ChangeTimeInSeconds);
        Assert.Equal("x120d383-60256e84", batch.Items[3].SummaryId);
        Assert.Equal(["moveIQActivities", "dailies"], batch.UnknownKeys);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"x\"")]
    [InlineData("{\"activities\":{}}")]
    [InlineData("{\"moveIQActivities\":5}")]
    [InlineData("{\"activities\":[{\"userId\":\"u\"}]} trailing")]
    [InlineData("")]
    public void Parse_MalformedBody_ThrowsPayloadExceptionWithReason(string body)
    {
        var ex = Assert.Throws<GarminPayloadException>(() => GarminNotificationParser.Parse(Encoding.UTF8.GetBytes(body)));

        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Theory]
    [InlineData("{\"activities\":[null]}")]
    [InlineData("{\"activities\":[{\"summaryId\":\"x\"}]}")]
    [InlineData("{\"deregistrations\":[{\"userId\":\"  \"}]}")]
    [InlineData("{\"activities\":[{\"userId\":\"u\",\"summaryId\":\"x\",\"startTimeInSeconds\":\"soon\"}]}")]
    public void Parse_BadItem_IsRejectedWithReasonNotThrown(string body)
    {
        var batch = GarminNotificationParser.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Empty(batch.Items);
        Assert.False(string.IsNullOrWhiteSpace(Assert.Single(batch.Rejected).Reason));
    }

    [Fact]
    public void Parse_SyntaxError_ReportsPosition()
    {
        var ex = Assert.Throws<GarminPayloadException>(() => GarminNotificationParser.Parse("{\"activities\":[{\"userId\":}]}"u8));

        Assert.Contains("byte", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<JsonException>(ex.InnerException);
    }

    [Fact]
    public async Task ParseAsync_Stream_MatchesSpanParse()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(ActivityDetailsPush));

        var batch = await GarminNotificationParser.ParseAsync(stream);

        Assert.Equal("9001-detail", Assert.Single(batch.Items).SummaryId);
    }

    [Fact]
    public async Task ParseAsync_MalformedStream_ThrowsPayloadException()
    {
        using var stream = new MemoryStream("{\"activities\":[{"u8.ToArray());

        await Assert.ThrowsAsync<GarminPayloadException>(() => GarminNotificationParser.ParseAsync(stream));
    }

    [Fact]
    public void Serialize_EnvelopeBuiltBySandbox_ParsesBackWithNumericActivityId()
    {
        var envelope = new GarminNotificationEnvelope
        {
            Activities = [new GarminActivitySummary { UserId = "u1", SummaryId = "9001", ActivityId = "9001", StartTimeInSeconds = 1767250800 }],
        };

        var json = JsonSerializer.Serialize(envelope, GarminPushJsonContext.Default.GarminNotificationEnvelope);
        var batch = GarminNotificationParser.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Contains("\"activityId\":9001", json, StringComparison.Ordinal);
        Assert.DoesNotContain("activityDetails", json, StringComparison.Ordinal);
        Assert.Equal("9001", ((GarminActivitySummary)Assert.Single(batch.Items).Payload).ActivityId);
    }

    [Theory]
    [InlineData(GarminNotificationType.Activities, "activities")]
    [InlineData(GarminNotificationType.ActivityDetails, "activityDetails")]
    [InlineData(GarminNotificationType.ActivityFiles, "activityFiles")]
    [InlineData(GarminNotificationType.ManuallyUpdatedActivities, "manuallyUpdatedActivities")]
    [InlineData(GarminNotificationType.Deregistrations, "deregistrations")]
    [InlineData(GarminNotificationType.UserPermissionsChange, "userPermissionsChange")]
    public void Keys_Type_RoundTripsWithJsonKey(GarminNotificationType type, string key)
    {
        Assert.Equal(key, GarminNotificationKeys.For(type));
        Assert.True(GarminNotificationKeys.TryParse(key, out var parsed));
        Assert.Equal(type, parsed);
        Assert.False(GarminNotificationKeys.TryParse(key.ToUpperInvariant(), out _));
    }
}
