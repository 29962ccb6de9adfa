using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Coopah.Web.Sandbox;

/// <summary>What a sandbox-issued OAuth 2.0 token says about itself.</summary>
public sealed record SandboxTokenClaims(string Kind, string UserId, long IssuedAtMs, long ExpiresAt, string Id);

/// <summary>
/// Self-verifying sandbox tokens (HMAC with a key derived from the sandbox secrets). Links stored in the
/// database keep working after a restart although the sandbox keeps its state in memory; revocation and
/// single use are tracked in memory on top.
/// </summary>
internal sealed class SandboxTokens(GarminSandboxOptions options)
{
    private readonly byte[] _key = SHA256.HashData(Encoding.UTF8.GetBytes(
        "coopah-garmin-sandbox|" + options.ConsumerSecret + "|" + options.ClientSecret));

    /// <summary>OAuth 1.0a user access token: the user id and issue time are inside; the secret is derived.</summary>
    public string NewOAuth1Token(string userId, DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"u1.{userId}.{now.ToUnixTimeMilliseconds()}.{Random(8)}");

    public string OAuth1Secret(string token) => Mac("oauth1-secret|" + token)[..32];

    public bool TryReadOAuth1Token(string token, out string userId, out long issuedAtMs)
    {
        userId = "";
        issuedAtMs = 0;
        var parts = token.Split('.');
        if (parts.Length != 4 || parts[0] != "u1"
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out issuedAtMs))
        {
            return false;
        }

        userId = parts[1];
        return true;
    }

    /// <summary>A JWT-shaped OAuth 2.0 token ("access" or "refresh").</summary>
    public string NewOAuth2Token(string kind, string userId, DateTimeOffset now, TimeSpan lifetime, string clientId)
    {
        var header = B64(Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}"""));
        var payload = B64(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["kind"] = kind,
            ["sub"] = userId,
            ["garmin_guid"] = userId,
            ["client_id"] = clientId,
            ["iss"] = "coopah-garmin-sandbox",
            ["iat_ms"] = now.ToUnixTimeMilliseconds(),
            ["exp"] = (now + lifetime).ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("D"),
        }));
        return header + "." + payload + "." + Mac(header + "." + payload);
    }

    public SandboxTokenClaims? ReadOAuth2Token(string? token)
    {
        var parts = token?.Split('.');
        if (parts is not { Length: 3 } || !CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(Mac(parts[0] + "." + parts[1])), Encoding.ASCII.GetBytes(parts[2])))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(FromB64(parts[1]));
            var root = json.RootElement;
            return new SandboxTokenClaims(
                root.GetProperty("kind").GetString()!, root.GetProperty("sub").GetString()!,
                root.GetProperty("iat_ms").GetInt64(), root.GetProperty("exp").GetInt64(), root.GetProperty("jti").GetString()!);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    public static string Random(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    private string Mac(string text) => B64(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)));

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromB64(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
