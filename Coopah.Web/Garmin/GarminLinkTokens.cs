using Coopah.Core.Garmin;
using Coopah.Core.Garmin.OAuth;
using Coopah.Web.Cluster;
using Coopah.Web.Data;
using Microsoft.EntityFrameworkCore;
using LinkMode = Coopah.Core.Garmin.GarminAuthMode;

namespace Coopah.Web.Garmin;

/// <summary>
/// Hands out credentials for a link's Garmin calls. OAuth 2.0 tokens are refreshed 10 minutes before expiry under
/// the link's lock (held across instances), and the rotated refresh token is saved before anyone uses the new access token.
/// </summary>
public sealed partial class GarminLinkTokens(
    IDbContextFactory<CoopahDbContext> dbFactory,
    GarminTokenRefresher refresher,
    GarminTokenProtector protector,
    DatabaseLocks locks,
    TimeProvider time,
    ILogger<GarminLinkTokens> logger)
{
    /// <exception cref="GarminLinkUnavailableException">The link is not active or has no tokens.</exception>
    /// <exception cref="GarminApiException">The refresh failed; when <see cref="GarminApiException.IsAuthBroken"/> the link is now Broken.</exception>
    public async Task<GarminCredentials> GetCredentialsAsync(int linkId, CancellationToken cancellationToken = default)
    {
        // Across every instance: a refresh token is single-use, so a second refresh would break the link. The link is
        // read after the lock is held, so a waiter sees the pair the winner saved and uses it.
        await using var held = await locks.AcquireAsync("garmin-link:" + linkId, cancellationToken);
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var link = await db.GarminLinks.SingleOrDefaultAsync(l => l.Id == linkId, cancellationToken)
                ?? throw new GarminLinkUnavailableException("The Garmin link does not exist.");
            if (link.Status != GarminLinkStatus.Active || link.ProtectedAccessToken is null)
            {
                throw new GarminLinkUnavailableException($"The Garmin link is {link.Status}.");
            }

            if (link.Mode == LinkMode.OAuth1)
            {
                return GarminCredentials.OAuth1(
                    protector.Unprotect(link.ProtectedAccessToken),
                    protector.Unprotect(link.ProtectedTokenSecret ?? throw new GarminLinkUnavailableException("The OAuth 1.0a link has no token secret.")));
            }

            var current = ReadOAuth2Token(link);
            if (GarminTokenRefreshPolicy.IsRefreshTokenExpired(current, time.GetUtcNow()))
            {
                // Garmin would answer invalid_grant; no call needed to know the runner must reconnect.
                const string expired = "The Garmin refresh token expired (about 90 days unused).";
                link.Break(expired);
                await db.SaveChangesAsync(CancellationToken.None);
                throw new GarminLinkUnavailableException(expired);
            }

            GarminTokenRefreshResult result;
            try
            {
                result = await refresher.EnsureFreshAsync(current, cancellationToken);
            }
            catch (GarminApiException ex) when (ex.IsAuthBroken)
            {
                link.Break("Garmin refused the refresh token: " + (ex.GarminMessage ?? ex.ErrorCode ?? "unauthorized"));
                await db.SaveChangesAsync(CancellationToken.None);
                LogBroken(link.Id, ex.ErrorCode);
                throw;
            }

            if (result.Refreshed)
            {
                // The old refresh token is spent the moment Garmin answered: persist the new pair even if the
                // caller has given up, or the link would be lost.
                WriteOAuth2Token(link, result.Token, protector);
                await db.SaveChangesAsync(CancellationToken.None);
                LogRefreshed(link.Id, result.Token.AccessTokenExpiresAt);
            }

            return GarminCredentials.Bearer(result.Token);
        }
    }

    internal GarminOAuth2Token ReadOAuth2Token(GarminLink link) => new(
        protector.Unprotect(link.ProtectedAccessToken!),
        protector.Unprotect(link.ProtectedRefreshToken ?? throw new GarminLinkUnavailableException("The OAuth 2.0 link has no refresh token.")),
        AsUtc(link.AccessTokenExpiresAtUtc) ?? time.GetUtcNow(),
        AsUtc(link.RefreshTokenExpiresAtUtc),
        null);

    internal static void WriteOAuth2Token(GarminLink link, GarminOAuth2Token token, GarminTokenProtector protector)
    {
        link.ProtectedAccessToken = protector.Protect(token.AccessToken);
        link.ProtectedRefreshToken = protector.Protect(token.RefreshToken);
        link.ProtectedTokenSecret = null;
        link.AccessTokenExpiresAtUtc = token.AccessTokenExpiresAt.UtcDateTime;
        link.RefreshTokenExpiresAtUtc = token.RefreshTokenExpiresAt?.UtcDateTime;
    }

    // SQLite hands DateTime back with Kind Unspecified; the columns always hold UTC.
    private static DateTimeOffset? AsUtc(DateTime? value) =>
        value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Garmin link {LinkId}: access token refreshed, valid until {ExpiresAt}")]
    private partial void LogRefreshed(int linkId, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Garmin link {LinkId} is broken: refresh refused ({ErrorCode})")]
    private partial void LogBroken(int linkId, string? errorCode);
}
