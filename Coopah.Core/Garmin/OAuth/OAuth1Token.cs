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
