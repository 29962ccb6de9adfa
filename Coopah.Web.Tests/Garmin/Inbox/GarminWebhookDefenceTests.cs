using System.Net;
using System.Text;
using Coopah.Web.Tests.Infrastructure;
using Coopah.Web.Tests.TestObjects;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Garmin.Inbox;

/// <summary>Allow-list, trusted proxies, the client-id header and the per-source rate limit.</summary>
public sealed class GarminWebhookDefenceTests : IDisposable
{
    private readonly DefendedFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("10.1.2.3", "204.77.163.244", HttpStatusCode.OK)]
    [InlineData("10.1.2.3", "203.0.113.9", HttpStatusCode.Forbidden)]
    [InlineData("192.0.2.50", "204.77.163.244", HttpStatusCode.Forbidden)]
    [InlineData("10.1.2.3", "not-an-ip", HttpStatusCode.Forbidden)]
    public async Task Post_SourceCheckedThroughTrustedProxyOnly(string peer, string forwardedFor, HttpStatusCode expected)
    {
        using var client = CreateClient(peer);
        using var request = Request();
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.Add("garmin-client-id", DefendedFactory.ClientId);

        using var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Post_DirectFromAllowedAddressWithoutProxy_IsAccepted()
    {
        using var client = CreateClient("204.77.163.244");
        using var request = Request();
        request.Headers.Add("garmin-client-id", DefendedFactory.ClientId);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("someone-else")]
    [InlineData("coopah-garmin-client-id ")]
    public async Task Post_WrongOrMissingClientId_Returns401(string? clientId)
    {
        using var client = CreateClient("204.77.163.244");
        using var request = Request();
        if (clientId is not null)
        {
            request.Headers.Add("garmin-client-id", clientId);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_MoreThanTheSourcesBudget_Gets429()
    {
        using var client = CreateClient("204.77.163.244");
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < DefendedFactory.PermitsPerMinute + 3; i++)
        {
            using var request = Request();
            request.Headers.Add("garmin-client-id", DefendedFactory.ClientId);
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(DefendedFactory.PermitsPerMinute, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    private HttpClient CreateClient(string peer)
    {
        _factory.Peer = IPAddress.Parse(peer);
        return _factory.CreateAnonymous();
    }

    private static HttpRequestMessage Request() =>
        new(HttpMethod.Post, WebhookFactory.Url("activities"))
        {
            Content = new StringContent(GarminPayloads.Activities(GarminPayloads.Summary("nobody", "defence")), Encoding.UTF8, "application/json"),
        };

    private sealed class DefendedFactory : CoopahWebApplicationFactory
    {
        public const string ClientId = "coopah-garmin-client-id";
        public const int PermitsPerMinute = 5;

        public IPAddress Peer { get; set; } = IPAddress.Loopback;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("GarminWebhooks:ClientId", ClientId);
            builder.UseSetting("GarminWebhooks:AllowedSources:0", "204.77.163.0/24");
            builder.UseSetting("GarminWebhooks:TrustedProxies:0", "10.0.0.0/8");
            builder.UseSetting("GarminWebhooks:PermitsPerMinutePerSource", PermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        protected override void ConfigureTestServices(IServiceCollection services) =>
            services.AddSingleton<IStartupFilter>(new PeerAddressFilter(this));
    }

    private sealed class PeerAddressFilter(DefendedFactory factory) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(nextMiddleware => context =>
            {
                // TestServer has no socket: stamp the peer address the test chose.
                context.Connection.RemoteIpAddress = factory.Peer;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
