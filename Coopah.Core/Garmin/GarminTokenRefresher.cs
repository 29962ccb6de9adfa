using Coopah.Core.Garmin.OAuth;

namespace Coopah.Core.Garmin;

/// <summary>The token to use now, and whether it changed (then persist it, replacing the stored one).</summary>
public sealed record GarminTokenRefreshResult(GarminOAuth2Token Token, bool Refreshed);

/// <summary>Refreshes OAuth 2.0 tokens less than 10 minutes before expiry (see <see cref="GarminTokenRefreshPolicy"/>).</summary>
public sealed class GarminTokenRefresher(GarminOAuthClient client, TimeProvider timeProvider)
{
    /// <summary>
    /// Returns <paramref name="token"/> when it is fresh enough, otherwise refreshes it. A refresh failure with
    /// <see cref="GarminApiException.IsAuthBroken"/> (e.g. invalid_grant) means the runner must reconnect.
    /// </summary>
    public async Task<GarminTokenRefreshResult> EnsureFreshAsync(GarminOAuth2Token token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!GarminTokenRefreshPolicy.NeedsRefresh(token, timeProvider.GetUtcNow()))
        {
            return new GarminTokenRefreshResult(token, false);
        }

        var refreshed = await client.RefreshAsync(token, cancellationToken).ConfigureAwait(false);
        return new GarminTokenRefreshResult(refreshed, true);
    }
}
