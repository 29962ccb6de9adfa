namespace Coopah.Core.Garmin.OAuth;

/// <summary>What the OAuth 2.0 consent redirect to our redirect URI said.</summary>
public enum OAuth2CallbackStatus
{
    Approved,
    Denied,
    Error,
    StateMismatch,
    MissingCode,
}

/// <summary>The evaluated OAuth 2.0 callback (<c>?code=...&amp;state=...</c> or <c>?error=...&amp;state=...</c>).</summary>
public sealed record OAuth2CallbackResult(OAuth2CallbackStatus Status, string? Code, string? Error, string? ErrorDescription)
{
    /// <summary>True when the code can be exchanged.</summary>
    public bool IsApproved => Status == OAuth2CallbackStatus.Approved;

    /// <summary>
    /// Evaluates the callback. The state is checked first (constant time) against the state stored for the
    /// signed-in user, so a callback for another user or a forged one never reaches the code exchange.
    /// </summary>
    public static OAuth2CallbackResult Evaluate(string? code, string? state, string? error, string? errorDescription, string? expectedState)
    {
        if (string.IsNullOrEmpty(expectedState) || !Pkce.ConstantTimeEquals(expectedState, state))
        {
            return new(OAuth2CallbackStatus.StateMismatch, null, error, errorDescription);
        }

        if (!string.IsNullOrEmpty(error))
        {
            var status = string.Equals(error, "access_denied", StringComparison.Ordinal)
                ? OAuth2CallbackStatus.Denied
                : OAuth2CallbackStatus.Error;
            return new(status, null, error, errorDescription);
        }

        return string.IsNullOrEmpty(code)
            ? new(OAuth2CallbackStatus.MissingCode, null, null, null)
            : new(OAuth2CallbackStatus.Approved, code, null, null);
    }
}
