namespace Coopah.Core.Garmin.OAuth;

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
