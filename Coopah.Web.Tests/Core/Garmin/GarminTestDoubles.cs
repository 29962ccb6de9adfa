using System.Net;
using System.Text;
using Coopah.Core.Garmin;
using Coopah.Core.Garmin.OAuth;
using Microsoft.Extensions.Time.Testing;

namespace Coopah.Web.Tests.Core.Garmin;

/// <summary>Deterministic random source: byte i is (seed + i) mod 256, continuing across calls.</summary>
internal sealed class SequenceRandomSource(byte seed = 0) : IRandomSource
{
    private byte _next = seed;

    public void Fill(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = _next++;
        }
    }
}

/// <summary>A request as the fake handler saw it.</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Authorization, string? ContentType, string? Body, string? Accept);

/// <summary>HttpMessageHandler that records requests and answers from a queue of responders.</summary>
internal sealed class FakeHttpMessageHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, HttpResponseMessage>> _responders = new();

    public List<RecordedRequest> Requests { get; } = [];

    public FakeHttpMessageHandler Respond(HttpStatusCode status, string? body = null, string mediaType = "application/json")
    {
        _responders.Enqueue(_ => new HttpResponseMessage(status)
        {
            Content = body is null ? new ByteArrayContent([]) : new StringContent(body, Encoding.UTF8, mediaType),
        });
        return this;
    }

    public FakeHttpMessageHandler Respond(Func<HttpRequestMessage, HttpResponseMessage> responder)
    {
        _responders.Enqueue(responder);
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add(new RecordedRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.TryGetValues("Authorization", out var auth) ? string.Join(",", auth) : null,
            request.Content?.Headers.ContentType?.ToString(),
            body,
            request.Headers.Accept.ToString()));
        if (_responders.Count == 0)
        {
            throw new InvalidOperationException("No response queued for " + request.RequestUri);
        }

        var response = _responders.Dequeue()(request);
        response.RequestMessage = request;
        return response;
    }
}

/// <summary>Shared setup for client tests.</summary>
internal static class GarminTestSetup
{
    public static readonly DateTimeOffset Now = new(2026, 3, 14, 9, 0, 0, TimeSpan.Zero);

    public static GarminOptions Options(GarminAuthMode mode = GarminAuthMode.OAuth2) => new()
    {
        Mode = mode,
        ConsumerKey = "consumer-key",
        ConsumerSecret = "consumer-secret",
        ClientId = "client-id",
        ClientSecret = "client-secret",
        OAuth1CallbackUri = new Uri("https://coopah.test/garmin/callback?x=1"),
        OAuth2RedirectUri = new Uri("https://coopah.test/garmin/callback"),
        SandboxBaseUrl = new Uri("http://localhost:5080/sandbox/garmin/"),
    };

    public static (GarminApiClients Client, FakeHttpMessageHandler Handler, FakeTimeProvider Time) Create(GarminOptions? options = null)
    {
        var handler = new FakeHttpMessageHandler();
        var time = new FakeTimeProvider(Now);
        var transport = new GarminHttpTransport(new HttpClient(handler), options ?? Options(), time, new SequenceRandomSource());
        return (new GarminApiClients(transport), handler, time);
    }
}
