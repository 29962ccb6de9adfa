using System.IO.Compression;
using System.Net;
using System.Text;
using Coopah.Web.Tests.Infrastructure;
using Coopah.Web.Tests.TestObjects;
using Microsoft.EntityFrameworkCore;

namespace Coopah.Web.Tests.Garmin.Inbox;

/// <summary>What the endpoint answers before anything is processed: defences, limits and durable storage.</summary>
public sealed class GarminWebhookIntakeTests(WebhookFactory factory) : IClassFixture<WebhookFactory>
{
    [Fact]
    public async Task Post_ValidPush_Answers200WithEmptyBodyAndStoresRawBody()
    {
        var body = GarminPayloads.Activities(GarminPayloads.Summary("someone", "intake-raw-1"));
        using var client = factory.CreateAnonymous();

        using var response = await PostAsync(client, "activities", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var stored = await factory.QueryAsync(db => db.GarminInbox.AsNoTracking().OrderByDescending(m => m.Id).FirstAsync());
        Assert.Equal(body, Encoding.UTF8.GetString(stored.Body));
        Assert.Equal("activities", stored.Type);
        Assert.Equal(1, stored.ItemCount);
    }

    [Theory]
    [InlineData("wrong-secret-0123456789abcdef", "activities")]
    [InlineData(CoopahWebApplicationFactory.WebhookSecret, "dailies")]
    [InlineData(CoopahWebApplicationFactory.WebhookSecret + "x", "activities")]
    public async Task Post_WrongSecretOrUnknownType_Returns404AndStoresNothing(string secret, string type)
    {
        using var client = factory.CreateAnonymous();
        var before = await InboxCountAsync();

        using var response = await client.PostAsync($"/webhooks/garmin/{secret}/{type}", Json(GarminPayloads.Activities(GarminPayloads.Summary("u", "s"))));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, await InboxCountAsync());
    }

    [Theory]
    [InlineData("{\"activities\":[{\"userId\":\"u\"", "Malformed JSON")]
    [InlineData("[]", "JSON object")]
    [InlineData("{\"activities\":{}}", "must be an array")]
    [InlineData("{\"activities\":null}", "must be an array")]
    [InlineData("{\"Activities\":[{\"userId\":\"u\",\"summaryId\":\"x\"}]}", "no Garmin notification list")]
    [InlineData("{\"dailies\":[]}", "no Garmin notification list")]
    [InlineData("not json", "Malformed JSON")]
    [InlineData("", "empty")]
    public async Task Post_MalformedBody_Returns400WithReasonAndStoresNothing(string body, string reason)
    {
        using var client = factory.CreateAnonymous();
        var before = await InboxCountAsync();

        using var response = await PostAsync(client, "activities", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await InboxCountAsync());
    }

    [Fact]
    public async Task Post_OverTenMegabytes_Returns413()
    {
        using var client = factory.CreateAnonymous();
        var padding = new string(' ', 10 * 1024 * 1024);
        var body = "{\"activities\":[" + GarminPayloads.Summary("u", "big") + "]" + padding + "}";

        using var response = await PostAsync(client, "activities", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Post_OversizedChunkedBodyWithoutLength_Returns413()
    {
        using var client = factory.CreateAnonymous();
        var padding = new string(' ', 11 * 1024 * 1024);
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"activities\":[]" + padding + "}")));
        content.Headers.ContentType = new("application/json");

        using var response = await client.PostAsync(WebhookFactory.Url("activities"), new ChunkedContent(content));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Post_DetailsOverTenMegabytes_IsAcceptedUpToTheirHundredMegabyteLimit()
    {
        using var client = factory.CreateAnonymous();
        var padding = new string(' ', 12 * 1024 * 1024);
        var body = GarminPayloads.Details("nobody-known", "big-detail")[..^1] + padding + "}";

        using var response = await PostAsync(client, "activityDetails", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_GzipBody_IsDecompressedAndStored()
    {
        var json = GarminPayloads.Activities(GarminPayloads.Summary("someone", "gzip-1"));
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(json));
        }

        using var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new("application/json");
        content.Headers.ContentEncoding.Add("gzip");
        using var client = factory.CreateAnonymous();

        using var response = await client.PostAsync(WebhookFactory.Url("activities"), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await factory.QueryAsync(db => db.GarminInbox.AsNoTracking().OrderByDescending(m => m.Id).FirstAsync());
        Assert.Equal(json, Encoding.UTF8.GetString(stored.Body));
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    public async Task Post_CompressedBombOverTenMegabytesDecoded_Returns413AndStoresNothing(string encoding)
    {
        // A few KB on the wire: the limit is on the decoded body.
        var json = Encoding.UTF8.GetBytes("{\"activities\":[]" + new string(' ', 11 * 1024 * 1024) + "}");
        using var compressed = new MemoryStream();
        await using (Stream zip = encoding == "gzip"
            ? new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true)
            : new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            await zip.WriteAsync(json);
        }

        using var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new("application/json");
        content.Headers.ContentEncoding.Add(encoding);
        using var client = factory.CreateAnonymous();
        var before = await InboxCountAsync();

        using var response = await client.PostAsync(WebhookFactory.Url("activities"), content);

        Assert.True(compressed.Length < 100_000);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, await InboxCountAsync());
    }

    [Fact]
    public async Task Post_GzipHeaderWithPlainBody_Returns400()
    {
        using var content = Json(GarminPayloads.Activities(GarminPayloads.Summary("u", "fake-gzip")));
        content.Headers.ContentEncoding.Add("gzip");
        using var client = factory.CreateAnonymous();

        using var response = await client.PostAsync(WebhookFactory.Url("activities"), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("gzip", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_PingBody_IsMarkedAsPing()
    {
        using var client = factory.CreateAnonymous();

        using var response = await PostAsync(client, "activities", GarminPayloads.Ping("activities", "nobody-known", "https://apis.garmin.com/wellness-api/rest/activities?token=x"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await factory.QueryAsync(db => db.GarminInbox.AsNoTracking().OrderByDescending(m => m.Id).FirstAsync());
        Assert.True(stored.IsPing);
    }

    [Fact]
    public async Task Post_ConcurrentDeliveries_AllAcknowledgedAndStored()
    {
        using var client = factory.CreateAnonymous();
        var before = await InboxCountAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            PostAsync(client, "activities", GarminPayloads.Activities(GarminPayloads.Summary("nobody-known", $"burst-{i}")))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(before + 40, await InboxCountAsync());
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string type, string body) =>
        client.PostAsync(WebhookFactory.Url(type), Json(body));

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private Task<int> InboxCountAsync() => factory.QueryAsync(db => db.GarminInbox.CountAsync());

    /// <summary>Hides the length so the server must count while streaming.</summary>
    private sealed class ChunkedContent(HttpContent inner) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => inner.CopyToAsync(stream, context);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
