using Coopah.Core.Garmin.OAuth;

namespace Coopah.Core.Garmin;

/// <summary>How a call to Garmin's APIs authenticates: an OAuth 1.0a user token (signed) or an OAuth 2.0 bearer token.</summary>
public abstract record GarminCredentials
{
    /// <summary>OAuth 1.0a user access token and secret; requests are HMAC-SHA1 signed with the consumer key/secret.</summary>
    public static GarminCredentials OAuth1(string token, string tokenSecret) => new GarminOAuth1Credentials(token, tokenSecret);

    /// <summary>OAuth 1.0a credentials from a token pair.</summary>
    public static GarminCredentials OAuth1(OAuth1Token token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new GarminOAuth1Credentials(token.Token, token.TokenSecret);
    }

    /// <summary>An OAuth 2.0 access token sent as <c>Authorization: Bearer</c>.</summary>
    public static GarminCredentials Bearer(string accessToken) => new GarminBearerCredentials(accessToken);

    /// <summary>Bearer credentials from stored OAuth 2.0 tokens (refresh first with <see cref="GarminTokenRefresher"/>).</summary>
    public static GarminCredentials Bearer(GarminOAuth2Token token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new GarminBearerCredentials(token.AccessToken);
    }
}

/// <summary>OAuth 1.0a user access token (UAT) and secret.</summary>
public sealed record GarminOAuth1Credentials(string Token, string TokenSecret) : GarminCredentials
{
    /// <summary>Redacts the secret.</summary>
    public override string ToString() => $"GarminOAuth1Credentials {{ Token = {Token}, TokenSecret = *** }}";
}

/// <summary>OAuth 2.0 access token.</summary>
public sealed record GarminBearerCredentials(string AccessToken) : GarminCredentials
{
    /// <summary>Redacts the token.</summary>
    public override string ToString() => "GarminBearerCredentials { AccessToken = *** }";
}
