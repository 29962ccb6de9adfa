using System.Text.Json;
using System.Text.RegularExpressions;

namespace Coopah.Core.Garmin;

/// <summary>
/// Garmin's user endpoints: who the token belongs to, what the user allowed, and disconnecting
/// (deleting the registration). Linking, unlinking and the token-owner check on deregistrations use it.
/// </summary>
public sealed partial class GarminUserClient(GarminHttpTransport transport)
{
    private GarminOptions Options => transport.Options;

    /// <summary>The stable Garmin user id (the key of a link; never use the token as a key).</summary>
    public async Task<string> GetUserIdAsync(GarminCredentials credentials, CancellationToken cancellationToken = default)
    {
        using var request = transport.CreateRequest(HttpMethod.Get, GarminOptions.Combine(Options.ApisBaseUrl, Options.UserApiPath + "id"), credentials);
        var body = await transport.SendForStringAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("userId", out var id))
            {
                var value = id.ValueKind switch
                {
                    JsonValueKind.String => id.GetString(),
                    JsonValueKind.Number => id.GetRawText(),
                    _ => null,
                };
                if (!string.IsNullOrWhiteSpace(value))
                {
                    return value;
                }
            }
        }
        catch (JsonException ex)
        {
            throw GarminHttpTransport.InvalidResponse(request, body, "The user id response is not JSON.", ex);
        }

        throw GarminHttpTransport.InvalidResponse(request, body, "The user id response has no userId.", null);
    }

    /// <summary>
    /// The user's permissions. Accepts a bare string array, an object with "permissions", or (Garmin's documented
    /// non-JSON form) any quoted UPPER_CASE tokens.
    /// </summary>
    public async Task<IReadOnlyList<string>> GetPermissionsAsync(GarminCredentials credentials, CancellationToken cancellationToken = default)
    {
        using var request = transport.CreateRequest(HttpMethod.Get, GarminOptions.Combine(Options.ApisBaseUrl, Options.UserApiPath + "permissions"), credentials);
        var body = await transport.SendForStringAsync(request, cancellationToken).ConfigureAwait(false);
        return ParsePermissions(body) ?? throw GarminHttpTransport.InvalidResponse(request, body, "The permissions response could not be read.", null);
    }

    /// <summary>Disconnect: DELETE registration (204). Garmin then sends a deregistration and the tokens stop working.</summary>
    public async Task DeleteRegistrationAsync(GarminCredentials credentials, CancellationToken cancellationToken = default)
    {
        using var request = transport.CreateRequest(HttpMethod.Delete, GarminOptions.Combine(Options.ApisBaseUrl, Options.UserApiPath + "registration"), credentials);
        await transport.SendNoContentAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Parses a permissions body in any of the documented shapes; null when nothing can be read (an empty list
    /// means "no permissions", which is a valid answer). Internal: only <see cref="GetPermissionsAsync"/> and its tests need it.
    /// </summary>
    internal static IReadOnlyList<string>? ParsePermissions(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("permissions", out var inner))
            {
                root = inner;
            }

            if (root.ValueKind == JsonValueKind.Array)
            {
                return root.EnumerateArray()
                    .Where(e => e.ValueKind == JsonValueKind.String)
                    .Select(e => e.GetString()!)
                    .Where(s => s.Length > 0)
                    .Distinct(StringComparer.Ordinal)
                    .ToList();
            }
        }
        catch (JsonException)
        {
            // Fall through to the token scan below.
        }

        var tokens = PermissionTokenRegex().Matches(body).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
        return tokens.Count > 0 || body.Contains('[', StringComparison.Ordinal) ? tokens : null;
    }

    [GeneratedRegex("\"([A-Z][A-Z0-9_]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex PermissionTokenRegex();
}
