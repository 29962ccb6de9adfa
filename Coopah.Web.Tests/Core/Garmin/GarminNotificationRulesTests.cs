using Coopah.Core.Garmin;
using System.Text;
using Coopah.Core.Garmin.Push;

namespace Coopah.Web.Tests.Core.Garmin;

/// <summary>
/// The one rule set: the pre-200 scan and the processing parser must agree on every item, and a bad item is
/// rejected on its own while its neighbours stay valid (issue 15).
/// </summary>
public sealed class GarminNotificationRulesTests
{
    private const string Cara = """{"userId":"cara","summaryId":"cara-1","activityName":"Easy run","startTimeInSeconds":1767250800,"startTimeOffsetInSeconds":3600,"durationInSeconds":1800}""";

    public static TheoryData<string, string> BadItems => new()
    {
        { """{"userId":"dan","summaryId":"dan-1","startTimeInSeconds":99999999999999}""", "startTimeInSeconds" },
        { """{"userId":"dan","summaryId":"dan-1","startTimeInSeconds":-1}""", "startTimeInSeconds" },
        { """{"userId":"dan","summaryId":"dan-1","startTimeInSeconds":"abc"}""", "startTimeInSeconds" },
        { """{"userId":"dan","summaryId":"dan-1","startTimeInSeconds":1767250800.5}""", "startTimeInSeconds" },
        { """{"userId":"dan","summaryId":"dan-1","durationInSeconds":9999999999}""", "durationInSeconds" },
        { """{"userId":"dan","summaryId":"dan-1","durationInSeconds":{"oops":true}}""", "durationInSeconds" },
        { """{"userId":"dan","summaryId":"dan-1","startTimeOffsetInSeconds":99999999999}""", "startTimeOffsetInSeconds" },
        { """{"userId":"dan","summaryId":"dan-1","averageHeartRateInBeatsPerMinute":1e300}""", "averageHeartRateInBeatsPerMinute" },
        { """{"userId":"dan","summaryId":"dan-1","distanceInMeters":-5}""", "distanceInMeters" },
        { """{"userId":"dan","summaryId":"dan-1","manual":"yes"}""", "manual" },
        { """{"userId":"dan","activityType":"RUNNING"}""", "summaryId" },
        { """{"userId":"dan","summaryId":"  "}""", "summaryId" },
        { """{"summaryId":"dan-1"}""", "userId" },
        { """{"userId":42,"summaryId":"dan-1"}""", "userId" },
        { """{"userId":"dan","summaryId":"dan-1","USERID":"x"}""", "only in case" },
        { """{"userId":"dan","summaryId":"dan-1","userId":"x"}""", "twice" },
        { "null", "not an object" },
        { "5", "not an object" },
    };

    [Theory]
    [MemberData(nameof(BadItems))]
    public void BadItemNextToAGoodOne_IsRejectedAloneByScanAndParserAlike(string bad, string reason)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"activities":[{{bad}},{{Cara}}]}""");

        var scan = GarminBodyScanner.Scan(body);
        var batch = GarminNotificationParser.Parse(body);

        var good = Assert.Single(batch.Items);
        Assert.Equal(("cara", "cara-1"), (good.UserId, good.SummaryId));
        var rejected = Assert.Single(batch.Rejected);
        Assert.Equal(0, rejected.Index);
        Assert.Contains(reason, rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(bad, rejected.ItemJson);
        Assert.Equal((2, 1), (scan.ItemCount, scan.RejectedItemCount));
        Assert.Equal(["cara"], scan.UserIds);
    }

    [Fact]
    public void ItemWithAUserIdInAnotherCase_IsNeverReadAsThatUser()
    {
        var body = """{"activities":[{"userId":"cara","summaryId":"s","USERID":"x"},{"USERID":"x","summaryId":"t"}]}"""u8;

        var batch = GarminNotificationParser.Parse(body);
        var scan = GarminBodyScanner.Scan(body);

        Assert.Empty(batch.Items);
        Assert.Equal(2, batch.Rejected.Count);
        Assert.DoesNotContain("x", batch.Rejected.Select(r => r.UserId));
        Assert.Empty(scan.UserIds);
    }

    [Fact]
    public void ListKeyTwice_ItemsOfBothAreRead()
    {
        var batch = GarminNotificationParser.Parse("""{"activities":[{"userId":"a","summaryId":"1"}],"activities":[{"userId":"b","summaryId":"2"}]}"""u8);

        Assert.Equal([("a", 0), ("b", 1)], batch.Items.Select(i => (i.UserId, i.Index)));
        Assert.Equal(2, batch.Envelope.Activities!.Count);
    }

    [Fact]
    public void ListKeyInAnotherCase_IsNotReadButParkedWhole()
    {
        var body = """{"activities":[{"userId":"a","summaryId":"1"}],"Activities":[{"userId":"b","summaryId":"2"}]}"""u8;

        var batch = GarminNotificationParser.Parse(body);

        Assert.Equal("a", Assert.Single(batch.Items).UserId);
        var rejected = Assert.Single(batch.Rejected);
        Assert.Contains("'Activities' differs from 'activities' only in case", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal((1, 1), (GarminBodyScanner.Scan(body).RejectedItemCount, GarminBodyScanner.Scan(body).UserIds.Count));
    }

    [Theory]
    [InlineData("""{"moveIQ":5,"activities":[{"userId":"a","summaryId":"1"}]}""")]
    [InlineData("""{"moveIQActivities":{"x":[1,2]},"activities":[{"userId":"a","summaryId":"1"}]}""")]
    [InlineData("""{"activities":[{"userId":"a","summaryId":"1","newField":{"deep":[{"x":null}]}}]}""")]
    public void UnknownKeysAndFields_AreToleratedWhateverTheirValue(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);

        var batch = GarminNotificationParser.Parse(bytes);

        Assert.Equal("a", Assert.Single(batch.Items).UserId);
        Assert.Empty(batch.Rejected);
        Assert.Equal(0, GarminBodyScanner.Scan(bytes).RejectedItemCount);
    }

    [Fact]
    public void Details_NullListsAndBadSample_NullIsEmptyABadSampleRejectsItsItem()
    {
        var body = """
            {"activityDetails":[
              {"userId":"a","summaryId":"1-detail","summary":null,"samples":null,"laps":null},
              {"userId":"b","summaryId":"2-detail","samples":[{"startTimeInSeconds":1767250800},null]},
              {"userId":"c","summaryId":"3-detail","summary":{"startTimeInSeconds":99999999999999}}]}
            """u8;

        var batch = GarminNotificationParser.Parse(body);

        var detail = Assert.IsType<GarminActivityDetail>(Assert.Single(batch.Items).Payload);
        Assert.Empty(detail.Samples);
        Assert.Empty(detail.Laps);
        Assert.Equal(["b", "c"], batch.Rejected.Select(r => r.UserId));
        Assert.Contains("samples", batch.Rejected[0].Reason, StringComparison.Ordinal);
        Assert.Contains("summary", batch.Rejected[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ActivitiesPing_NeedsNoSummaryId_FilePingNeedsOne()
    {
        var body = """
            {"activities":[{"userId":"a","callbackURL":"https://apis.garmin.com/wellness-api/rest/activities?token=t"}],
             "activityFiles":[{"userId":"b","callbackURL":"https://apis.garmin.com/wellness-api/rest/activityFile?id=1"},{"userId":"c","summaryId":"9-file"}]}
            """u8;

        var batch = GarminNotificationParser.Parse(body);

        Assert.True(Assert.Single(batch.Items).IsPing);
        Assert.Contains("summaryId", batch.Rejected[0].Reason, StringComparison.Ordinal);
        Assert.Contains("callbackURL", batch.Rejected[1].Reason, StringComparison.Ordinal);
    }

    public static TheoryData<byte[], string> UnreadableBodies => new()
    {
        { Bytes("""{"activities":[{"userId":"cara","summaryId":"s","activityName":"Run """, [0xC3, 0x28], "\"}]}"), "not valid UTF-8 (byte 68)" },
        { Bytes("""{"activities":[{"userId":"cara","summaryId":"s"}],"x""", [0xFF], "\":[]}"), "not valid UTF-8" },
        { Bytes("""{"activities":[{"userId":"cara","summaryId":"s","activityName":"\uD800"}]}"""), "not valid text" },
        { Bytes("""{"activities":[{"userId":"cara","summaryId":"s","\uDC00x":1}]}"""), "not valid text" },
        { Bytes("""{"moveIQ":["\uD83D"],"activities":[]}"""), "not valid text" },
        { Bytes(new string('[', 70)), "JSON object" },
        { Bytes("""{"activities":[{"userId":"a","summaryId":"1","x":""" + new string('[', 70) + new string(']', 70) + "}]}"), "Malformed JSON" },
        { Bytes("""{"activities":null}"""), "must be an array" },
    };

    [Theory]
    [MemberData(nameof(UnreadableBodies))]
    public void BodyThatCannotBeStoredMeaningfully_ThrowsPayloadExceptionWithReason(byte[] body, string reason)
    {
        var scan = Assert.Throws<GarminPayloadException>(() => GarminBodyScanner.Scan(body));
        var parse = Assert.Throws<GarminPayloadException>(() => GarminNotificationParser.Parse(body));

        Assert.Contains(reason, scan.Message, StringComparison.Ordinal);
        Assert.Equal(scan.Message, parse.Message);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Bytes(string before, byte[] raw, string after) => [.. Encoding.UTF8.GetBytes(before), .. raw, .. Encoding.UTF8.GetBytes(after)];
}
