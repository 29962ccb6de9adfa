namespace Coopah.Core.Garmin.OAuth;

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
