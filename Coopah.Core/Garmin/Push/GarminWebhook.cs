using System.Security.Cryptography;
using System.Text;

namespace Coopah.Core.Garmin.Push;

/// <summary>Constants and checks for receiving (and, in the sandbox, sending) Garmin notifications.</summary>
public static class GarminWebhook
{
    /// <summary>The only sender marker Garmin sends; it equals our client id (weak: the id is public).</summary>
    public const string ClientIdHeader = "garmin-client-id";

    /// <summary>Garmin's minimum body size we must accept.</summary>
    public const long DefaultMaxBodyBytes = 10L * 1024 * 1024;

    /// <summary>activityDetails bodies may reach 100 MB.</summary>
    public const long ActivityDetailsMaxBodyBytes = 100L * 1024 * 1024;

    /// <summary>Garmin times a delivery out after 30 s.</summary>
    public static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The body limit for an endpoint type.</summary>
    public static long MaxBodyBytes(GarminNotificationType type) =>
        type == GarminNotificationType.ActivityDetails ? ActivityDetailsMaxBodyBytes : DefaultMaxBodyBytes;

    /// <summary>Constant-time comparison of the garmin-client-id header with the configured client id.</summary>
    public static bool IsClientIdValid(string? headerValue, string? configuredClientId)
    {
        if (string.IsNullOrEmpty(headerValue) || string.IsNullOrEmpty(configuredClientId))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(headerValue), Encoding.UTF8.GetBytes(configuredClientId));
    }

    /// <summary>The headers Garmin sends with a push or ping (from the spec's curl example), for the sandbox sender.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> SenderHeaders(string clientId) =>
    [
        new("Content-Type", "application/json;charset=UTF-8"),
        new("User-Agent", "Garmin Health API"),
        new("Accept", "text/plain, application/json, application/*+json, */*"),
        new("Accept-Encoding", "gzip, x-gzip, deflate"),
        new(ClientIdHeader, clientId),
    ];
}
