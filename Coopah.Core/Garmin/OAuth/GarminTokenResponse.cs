using System.Text.Json.Serialization;

namespace Coopah.Core.Garmin.OAuth;

/// <summary>The JSON body of Garmin's OAuth 2.0 token endpoint (also the OAuth1 -> OAuth2 token exchange).</summary>
public sealed record GarminTokenResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; init; }

    [JsonPropertyName("expires_in")]
    public long? ExpiresIn { get; init; }

    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; init; }

    [JsonPropertyName("refresh_token_expires_in")]
    public long? RefreshTokenExpiresIn { get; init; }

    [JsonPropertyName("scope")]
    public string? Scope { get; init; }

    [JsonPropertyName("jti")]
    public string? Jti { get; init; }

    /// <summary>Redacts the tokens.</summary>
    public override string ToString() => $"GarminTokenResponse {{ ExpiresIn = {ExpiresIn}, Scope = {Scope} }}";
}

/// <summary>
/// The OAuth 2.0 tokens to persist (encrypted) for one link. Instances are immutable: a refresh produces a new
/// instance carrying the newest refresh token, which the caller stores in place of the old one.
/// </summary>
public sealed record GarminOAuth2Token(
    string AccessToken,
    string RefreshToken,
    DateTimeOffset AccessTokenExpiresAt,
    DateTimeOffset? RefreshTokenExpiresAt,
    string? Scope)
{
    /// <summary>Garmin's access-token lifetime when <c>expires_in</c> is missing (24 h).</summary>
    public static readonly TimeSpan DefaultAccessTokenLifetime = TimeSpan.FromSeconds(86400);

    /// <summary>
    /// Builds the token from a response received at <paramref name="issuedAt"/>. When the response carries no
    /// refresh token, <paramref name="previous"/>'s is kept; otherwise the newest one always wins.
    /// </summary>
    /// <exception cref="FormatException">No access token, or no refresh token at all.</exception>
    public static GarminOAuth2Token FromResponse(GarminTokenResponse response, DateTimeOffset issuedAt, GarminOAuth2Token? previous = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (string.IsNullOrEmpty(response.AccessToken))
        {
            throw new FormatException("The token response has no access_token.");
        }

        var refreshToken = string.IsNullOrEmpty(response.RefreshToken) ? previous?.RefreshToken : response.RefreshToken;
        if (string.IsNullOrEmpty(refreshToken))
        {
            throw new FormatException("The token response has no refresh_token.");
        }

        var refreshExpiry = string.IsNullOrEmpty(response.RefreshToken)
            ? previous?.RefreshTokenExpiresAt
            : response.RefreshTokenExpiresIn is { } seconds ? issuedAt.AddSeconds(seconds) : null;
        var lifetime = response.ExpiresIn is { } expiresIn and > 0 ? TimeSpan.FromSeconds(expiresIn) : DefaultAccessTokenLifetime;
        return new GarminOAuth2Token(response.AccessToken, refreshToken, issuedAt + lifetime, refreshExpiry, response.Scope ?? previous?.Scope);
    }

    /// <summary>Redacts the tokens.</summary>
    public override string ToString() =>
        $"GarminOAuth2Token {{ AccessTokenExpiresAt = {AccessTokenExpiresAt:O}, RefreshTokenExpiresAt = {RefreshTokenExpiresAt:O} }}";
}

/// <summary>When to refresh: less than 10 minutes before the access token expires (Garmin's advice).</summary>
public static class GarminTokenRefreshPolicy
{
    /// <summary>Refresh this long before expiry.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(10);

    /// <summary>True when the access token expires in less than <see cref="RefreshMargin"/> (or already has).</summary>
    public static bool NeedsRefresh(GarminOAuth2Token token, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.AccessTokenExpiresAt - now < RefreshMargin;
    }

    /// <summary>True when the refresh token is known to have expired (the runner must reconnect).</summary>
    public static bool IsRefreshTokenExpired(GarminOAuth2Token token, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.RefreshTokenExpiresAt is { } expiry && expiry <= now;
    }
}
