namespace Coopah.Core.Garmin.OAuth;

/// <summary>An OAuth 1.0a token pair (request token or user access token, with its secret).</summary>
public sealed record OAuth1Token(string Token, string TokenSecret)
{
    /// <summary>Parses Garmin's form-encoded token response (<c>oauth_token=...&amp;oauth_token_secret=...</c>).</summary>
    /// <exception cref="FormatException">Either value is missing or empty.</exception>
    public static OAuth1Token ParseResponse(string body)
    {
        var values = OAuthEncoding.ParseFormUrlEncoded(body?.Trim());
        var token = values.FirstOrDefault(p => p.Key == OAuth1Parameters.Token).Value;
        var secret = values.FirstOrDefault(p => p.Key == OAuth1Parameters.TokenSecret).Value;
        if (string.IsNullOrEmpty(token) || string.IsNullOrEmpty(secret))
        {
            throw new FormatException("The OAuth 1.0a token response lacks oauth_token or oauth_token_secret.");
        }

        return new OAuth1Token(token, secret);
    }

    /// <summary>Redacts the secret.</summary>
    public override string ToString() => $"OAuth1Token {{ Token = {Token}, TokenSecret = *** }}";
}

/// <summary>What the OAuth 1.0a consent redirect to our callback said.</summary>
public enum OAuth1CallbackStatus
{
    Approved,
    Denied,
    MissingToken,
}

/// <summary>The evaluated OAuth 1.0a callback (<c>?oauth_token=...&amp;oauth_verifier=...</c>).</summary>
public sealed record OAuth1CallbackResult(OAuth1CallbackStatus Status, string? RequestToken, string? Verifier)
{
    /// <summary>
    /// Evaluates the callback query values. Garmin signals a denial with the verifier <c>NULL</c> or no verifier.
    /// The caller must still check that <see cref="RequestToken"/> is the one it stored for the signed-in user.
    /// </summary>
    public static OAuth1CallbackResult Evaluate(string? oauthToken, string? oauthVerifier)
    {
        if (string.IsNullOrEmpty(oauthToken))
        {
            return new(OAuth1CallbackStatus.MissingToken, null, null);
        }

        return string.IsNullOrEmpty(oauthVerifier) || string.Equals(oauthVerifier, "NULL", StringComparison.OrdinalIgnoreCase)
            ? new(OAuth1CallbackStatus.Denied, oauthToken, null)
            : new(OAuth1CallbackStatus.Approved, oauthToken, oauthVerifier);
    }
}
