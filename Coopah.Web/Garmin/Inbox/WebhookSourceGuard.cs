using System.Net;
using Microsoft.Extensions.Options;

namespace Coopah.Web.Garmin.Inbox;

/// <summary>
/// Works out who is calling (X-Forwarded-For only when the direct peer is a trusted proxy) and whether
/// that source is on the allow-list.
/// </summary>
public sealed class WebhookSourceGuard
{
    private readonly IReadOnlyList<IPNetwork> _allowed;
    private readonly IReadOnlyList<IPNetwork> _trustedProxies;

    public WebhookSourceGuard(IOptions<GarminWebhookOptions> options)
    {
        _allowed = options.Value.AllowedSources.Select(ParseNetwork).ToList();
        _trustedProxies = options.Value.TrustedProxies.Select(ParseNetwork).ToList();
    }

    public IPAddress? ResolveSource(HttpContext context)
    {
        var peer = Normalize(context.Connection.RemoteIpAddress);
        if (peer is null || !_trustedProxies.Any(p => p.Contains(peer)))
        {
            return peer;
        }

        // Walk X-Forwarded-For from the right: the first hop that is not one of our proxies is the client.
        var hops = context.Request.Headers["X-Forwarded-For"]
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Reverse();
        foreach (var hop in hops)
        {
            if (!IPAddress.TryParse(hop, out var address))
            {
                return peer;
            }

            address = Normalize(address)!;
            if (!_trustedProxies.Any(p => p.Contains(address)))
            {
                return address;
            }
        }

        return peer;
    }

    public bool IsAllowed(IPAddress? source) =>
        _allowed.Count == 0 || (source is not null && _allowed.Any(n => n.Contains(source)));

    private static IPAddress? Normalize(IPAddress? address) =>
        address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;

    private static IPNetwork ParseNetwork(string value)
    {
        var text = value.Trim();
        if (!text.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(text, out var single))
        {
            return new IPNetwork(single, single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        }

        return IPNetwork.TryParse(text, out var network)
            ? network
            : throw new InvalidOperationException($"'{value}' in {GarminWebhookOptions.SectionName} is not an IP address or CIDR range.");
    }
}
