using System.Collections.Concurrent;
using System.Net;

namespace Coopah.Web.Tests.Infrastructure;

/// <summary>Stands in for Garmin's servers behind the Garmin API clients (<c>GarminHttpTransport</c>): canned responses by URL, every request recorded.</summary>
public sealed class FakeGarminHandler : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, Func<HttpRequestMessage, HttpResponseMessage>> _routes = new(StringComparer.Ordinal);

    public ConcurrentQueue<Uri> Requests { get; } = new();

    public void Respond(string url, Func<HttpResponseMessage> response) => Respond(url, _ => response());

    /// <summary>A response that depends on the request (its Authorization header, for instance).</summary>
    public void Respond(string url, Func<HttpRequestMessage, HttpResponseMessage> response) => _routes[url] = response;

    public void RespondOnce(string url, byte[] body)
    {
        var served = 0;
        Respond(url, () => Interlocked.Exchange(ref served, 1) == 0
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) }
            : new HttpResponseMessage(HttpStatusCode.Gone));
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request.RequestUri!);
        return Task.FromResult(_routes.TryGetValue(request.RequestUri!.AbsoluteUri, out var respond)
            ? respond(request)
            : new HttpResponseMessage(HttpStatusCode.NotFound));
    }
}
