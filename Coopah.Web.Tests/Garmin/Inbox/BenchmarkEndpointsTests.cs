using System.Net;
using System.Text;
using Coopah.Web.Garmin.Inbox;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Garmin.Inbox;

public sealed class BenchmarkEndpointsTests
{
    [Fact]
    public async Task BareEndpoint_UnmappedByDefault_And200WhenEnabled()
    {
        using var standard = new CoopahWebApplicationFactory();
        using var enabled = new BareEndpointFactory();
        using var standardClient = standard.CreateAnonymous();
        using var enabledClient = enabled.CreateAnonymous();

        using var off = await standardClient.PostAsync(BenchmarkEndpoints.BarePath, Body());
        using var on = await enabledClient.PostAsync(BenchmarkEndpoints.BarePath, Body());

        // Unmapped, the route matches nothing (404); the portal's status-code page then re-executes the POST
        // against /not-found, whose antiforgery check answers 400. Either way it is not served.
        Assert.False(IsMapped(standard));
        Assert.NotEqual(HttpStatusCode.OK, off.StatusCode);
        Assert.True(IsMapped(enabled));
        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        Assert.Equal("", await on.Content.ReadAsStringAsync());
    }

    private static bool IsMapped(CoopahWebApplicationFactory factory) =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Any(e => e.RoutePattern.RawText == BenchmarkEndpoints.BarePath);

    private static StringContent Body() => new(new string('x', 100_000), Encoding.UTF8, "application/json");

    private sealed class BareEndpointFactory : CoopahWebApplicationFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(BenchmarkEndpoints.BareEndpointSetting, "true");
        }
    }
}
