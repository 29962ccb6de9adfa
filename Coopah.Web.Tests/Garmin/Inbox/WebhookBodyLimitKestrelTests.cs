using System.Net;
using System.Text;
using Coopah.Core.Garmin.Push;
using Coopah.Web.Tests.TestObjects;

namespace Coopah.Web.Tests.Garmin.Inbox;

/// <summary>
/// The 10 MiB limit over a real Kestrel socket (TestServer has no chunk framing): it is on the decoded body, so a
/// chunked body and one with a Content-Length of the same size get the same answer (issue 15, item 3).
/// </summary>
public sealed class WebhookBodyLimitKestrelTests : IDisposable
{
    private const int Limit = (int)GarminWebhook.DefaultMaxBodyBytes;

    private readonly WebhookFactory _factory = new();
    private readonly HttpClient _client;

    public WebhookBodyLimitKestrelTests()
    {
        _factory.UseKestrel(0);
        _factory.StartServer();
        _client = new HttpClient { BaseAddress = _factory.ServerAddress };
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Theory]
    [InlineData(true, -1000, HttpStatusCode.OK)] // 10,484,760 bytes in 64 KiB chunks: refused before the fix
    [InlineData(true, 0, HttpStatusCode.OK)]
    [InlineData(true, 1, HttpStatusCode.RequestEntityTooLarge)]
    [InlineData(false, 0, HttpStatusCode.OK)]
    [InlineData(false, 1, HttpStatusCode.RequestEntityTooLarge)]
    public async Task BodyAroundTheLimit_ChunkedAndContentLengthAgree(bool chunked, int overLimit, HttpStatusCode expected)
    {
        var body = BodyOfLength(Limit + overLimit);
        using var content = chunked ? new ChunkedContent(body, 64 * 1024) : (HttpContent)new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");

        using var response = await _client.PostAsync(WebhookFactory.Url("activities"), content);

        Assert.Equal(expected, response.StatusCode);
    }

    private static byte[] BodyOfLength(int length)
    {
        var head = Encoding.UTF8.GetBytes("{\"activities\":[" + GarminPayloads.Summary("nobody-known", "limit-" + length.ToString(System.Globalization.CultureInfo.InvariantCulture)) + "]");
        var body = new byte[length];
        head.CopyTo(body, 0);
        body.AsSpan(head.Length, length - head.Length - 1).Fill((byte)' ');
        body[^1] = (byte)'}';
        return body;
    }

    /// <summary>No length, so HttpClient sends Transfer-Encoding: chunked, one chunk per write.</summary>
    private sealed class ChunkedContent(byte[] body, int chunkSize) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < body.Length; offset += chunkSize)
            {
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(chunkSize, body.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
