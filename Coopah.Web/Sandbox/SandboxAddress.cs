using Coopah.Core.Garmin;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Coopah.Web.Sandbox;

/// <summary>
/// Where the sandbox is reachable over HTTP. Configured (GarminSandbox:BaseUrl), or derived from the address
/// Kestrel actually listens on, because tests and `dotnet run` pick ports at run time. Under TestServer there
/// is no address; http://localhost is used and tests route the client's handler to the in-memory server.
/// </summary>
public sealed class SandboxAddress(IOptions<GarminSandboxOptions> options, IServer server)
{
    /// <summary>The sandbox's base URL, ending in "/".</summary>
    public Uri BaseUrl => options.Value.BaseUrl is { } configured ? EnsureSlash(configured) : new Uri(OwnOrigin(), GarminSandboxOptions.RoutePrefix.TrimStart('/') + "/");

    /// <summary>This host's origin for deliveries to our own webhooks.</summary>
    public Uri WebhookOrigin => options.Value.WebhookBaseUrl ?? OwnOrigin();

    /// <summary>Points every Garmin base URL at the sandbox.</summary>
    public GarminOptions Apply(GarminOptions garmin)
    {
        var baseUrl = BaseUrl;
        return garmin with
        {
            ConnectApiBaseUrl = baseUrl,
            ConnectBaseUrl = baseUrl,
            DiauthBaseUrl = baseUrl,
            ApisBaseUrl = baseUrl,
            SandboxBaseUrl = baseUrl,
        };
    }

    private Uri OwnOrigin()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses?.FirstOrDefault();
        if (address is null)
        {
            return new Uri("http://localhost/");
        }

        // Wildcard bindings (http://+:8080, http://[::]:8080) are not addresses a client can call.
        var uri = new Uri(address.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal));
        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }

    private static Uri EnsureSlash(Uri url) => url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
}
