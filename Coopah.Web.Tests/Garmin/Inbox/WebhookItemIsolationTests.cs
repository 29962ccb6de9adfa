using System.Net;
using System.Text;
using Coopah.Web.Data;
using Coopah.Web.Garmin.Inbox;
using Coopah.Web.Tests.Infrastructure;
using Coopah.Web.Tests.TestObjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Garmin.Inbox;

/// <summary>
/// Issue 15: one bad item in a multi-user push must not cost the other runners their activities. The body is
/// acknowledged, the good items are applied, the bad one is parked alone with its reason; a body that is not text
/// is answered 400 with a reason, never 500.
/// </summary>
public sealed class WebhookItemIsolationTests(WebhookFactory factory) : IClassFixture<WebhookFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => factory.EnsureLinksAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("start", "\"startTimeInSeconds\":99999999999999", "startTimeInSeconds")]
    [InlineData("start-text", "\"startTimeInSeconds\":\"abc\"", "startTimeInSeconds")]
    [InlineData("duration", "\"durationInSeconds\":99999999999", "durationInSeconds")]
    [InlineData("offset", "\"startTimeOffsetInSeconds\":-99999999999", "startTimeOffsetInSeconds")]
    [InlineData("heart", "\"averageHeartRateInBeatsPerMinute\":1e12", "averageHeartRateInBeatsPerMinute")]
    [InlineData("case", "\"USERID\":\"garmin-user-cara\"", "only in case")]
    public async Task MultiUserPush_OneBadItem_OthersAreStoredAndTheBadOneIsParkedAlone(string name, string badField, string reason)
    {
        var dan = $$"""{"userId":"{{WebhookFactory.DanGarminId}}","summaryId":"iso-dan-{{name}}","activityType":"RUNNING",{{badField}}}""";
        var body = GarminPayloads.Activities(dan, GarminPayloads.Summary(WebhookFactory.CaraGarminId, $"iso-cara-{name}"));

        var row = await PushAndWaitAsync("activities", body);

        Assert.Equal(InboxStatus.Processed, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Null(row.LastError);
        var stored = await factory.QueryAsync(db => db.GarminActivities.Where(a => a.SummaryId.EndsWith("-" + name) && a.SummaryId.StartsWith("iso-")).Select(a => a.SummaryId).ToListAsync());
        Assert.Equal([$"iso-cara-{name}"], stored);
        var parked = Assert.Single(await ParkedAsync(row.Id));
        Assert.Equal(("activities", 0, WebhookFactory.DanGarminId, $"iso-dan-{name}"), (parked.ListKey, parked.ItemIndex, parked.GarminUserId, parked.SummaryId));
        Assert.Contains(reason, parked.Reason, StringComparison.Ordinal);
        Assert.Equal(dan, parked.ItemJson);
    }

    [Fact]
    public async Task ItemWithoutSummaryId_IsParked_NeighbourOfAnotherListIsStored()
    {
        var body = $$"""{"activities":[{"userId":"{{WebhookFactory.DanGarminId}}","activityType":"RUNNING"}],"manuallyUpdatedActivities":[{{GarminPayloads.Summary(WebhookFactory.CaraGarminId, "iso-manual-1")}}]}""";

        var row = await PushAndWaitAsync("activities", body);

        Assert.Equal(InboxStatus.Processed, row.Status);
        Assert.True(await factory.QueryAsync(db => db.GarminActivities.AnyAsync(a => a.SummaryId == "iso-manual-1")));
        Assert.Contains("has no summaryId", Assert.Single(await ParkedAsync(row.Id)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserIdInAnotherCase_IsNeverProcessedAsThatUser()
    {
        // Dan is linked: read case-insensitively, this item would have been stored as Dan's run.
        var body = GarminPayloads.Activities(
            $$"""{"userId":"{{WebhookFactory.CaraGarminId}}","USERID":"{{WebhookFactory.DanGarminId}}","summaryId":"iso-userid-case","activityType":"RUNNING"}""");

        var row = await PushAndWaitAsync("activities", body);

        Assert.Equal(InboxStatus.Processed, row.Status);
        Assert.False(await factory.QueryAsync(db => db.GarminActivities.AnyAsync(a => a.SummaryId == "iso-userid-case")));
        Assert.DoesNotContain(WebhookFactory.DanGarminId, row.GarminUserIds, StringComparison.Ordinal);
        Assert.Single(await ParkedAsync(row.Id));
    }

    [Fact]
    public async Task UnknownListThatIsNotAList_IsIgnored_ActivitiesStored()
    {
        var body = $$"""{"moveIQ":5,"activities":[{{GarminPayloads.Summary(WebhookFactory.CaraGarminId, "iso-moveiq-1")}}]}""";

        var row = await PushAndWaitAsync("activities", body);

        Assert.Equal(InboxStatus.Processed, row.Status);
        Assert.True(await factory.QueryAsync(db => db.GarminActivities.AnyAsync(a => a.SummaryId == "iso-moveiq-1")));
        Assert.Empty(await ParkedAsync(row.Id));
    }

    [Fact]
    public async Task Reprocess_ReplacesTheRowsParkedItems()
    {
        var body = GarminPayloads.Activities(
            $$"""{"userId":"{{WebhookFactory.DanGarminId}}","summaryId":"iso-again-dan","startTimeInSeconds":-5}""",
            GarminPayloads.Summary(WebhookFactory.CaraGarminId, "iso-again-cara"));
        var row = await PushAndWaitAsync("activities", body);
        var first = Assert.Single(await ParkedAsync(row.Id));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<IntegrationHealth>().ReprocessAsync(row.Id));
        }

        await factory.WaitForInboxAsync(m => m.Status == InboxStatus.Processed && m.Attempts == 1 && m.ProcessedAtUtc > row.ProcessedAtUtc, row.Id);
        var again = Assert.Single(await ParkedAsync(row.Id));
        Assert.NotEqual(first.Id, again.Id);
        Assert.Equal(first.Reason, again.Reason);
    }

    public static TheoryData<byte[], string> UnreadableBodies => new()
    {
        { Bytes($$"""{"activities":[{{GarminPayloads.Summary(WebhookFactory.CaraGarminId, "utf8-1", name: "Run")}},{"userId":"x","summaryId":"y","activityName":"Caf""", [0xC3, 0x28], "\"}]}"), "not valid UTF-8" },
        { Bytes("""{"activities":[{"userId":"x","summaryId":"y","activityName":"\uD800"}]}"""), "not valid text" },
        { Bytes("""{"activities":[{"userId":"x","summaryId":"y","\uDFFF":1}]}"""), "not valid text" },
        { Bytes("""{"activities":[{"userId":"x","summaryId":"y","na""", [0xFE], "me\":1}]}"), "not valid UTF-8" },
        { Bytes("""{"activities":[{"userId":"a","summaryId":"1","x":""" + new string('[', 65) + new string(']', 65) + "}]}"), "Malformed JSON" },
    };

    [Theory]
    [MemberData(nameof(UnreadableBodies))]
    public async Task BodyThatIsNotText_Answers400WithReason_StoresNothing(byte[] body, string reason)
    {
        using var client = factory.CreateAnonymous();
        var before = await factory.QueryAsync(db => db.GarminInbox.CountAsync());
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");

        using var response = await client.PostAsync(WebhookFactory.Url("activities"), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains(reason, text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Coopah.", text, StringComparison.Ordinal);
        Assert.Equal(before, await factory.QueryAsync(db => db.GarminInbox.CountAsync()));
    }

    [Fact]
    public async Task InboxPage_Admin_SeesParkedItemsWithTheirReason_PayloadHtmlEncoded()
    {
        var body = GarminPayloads.Activities(
            $$"""{"userId":"{{WebhookFactory.DanGarminId}}","summaryId":"iso-html","activityName":"<script>alert(1)</script>","durationInSeconds":-1}""");
        var row = await PushAndWaitAsync("activities", body);
        using var admin = await factory.SignInAsync(DemoLogins.Admin, DemoLogins.AdminPassword);

        var html = await admin.GetStringAsync("/admin/integration/inbox?show=Items");

        Assert.Contains("parked-items-table", html, StringComparison.Ordinal);
        Assert.Contains("durationInSeconds", html, StringComparison.Ordinal);
        Assert.Contains("iso-html", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)", html, StringComparison.Ordinal);
        Assert.Single(await ParkedAsync(row.Id));
    }

    private Task<List<GarminParkedItem>> ParkedAsync(long inboxId) =>
        factory.QueryAsync(db => db.GarminParkedItems.AsNoTracking().Where(p => p.InboxId == inboxId).OrderBy(p => p.Id).ToListAsync());

    private async Task<GarminInboxMessage> PushAndWaitAsync(string type, string body)
    {
        using var client = factory.CreateAnonymous();
        using var response = await client.PostAsync(WebhookFactory.Url(type), new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = await factory.QueryAsync(db => db.GarminInbox.MaxAsync(m => m.Id));
        return await factory.WaitForInboxAsync(m => m.Status != InboxStatus.Pending, id);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Bytes(string before, byte[] raw, string after) => [.. Encoding.UTF8.GetBytes(before), .. raw, .. Encoding.UTF8.GetBytes(after)];
}
