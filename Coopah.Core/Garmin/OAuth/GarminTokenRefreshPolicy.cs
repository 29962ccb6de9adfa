namespace Coopah.Core.Garmin.OAuth;

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
