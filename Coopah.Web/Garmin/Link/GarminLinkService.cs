using Coopah.Core.Garmin;
using Coopah.Core.Garmin.OAuth;
using Coopah.Web.Data;
using Coopah.Web.Garmin.Sync;
using Microsoft.EntityFrameworkCore;
using LinkMode = Coopah.Core.Garmin.GarminAuthMode;

namespace Coopah.Web.Garmin.Link;

/// <summary>Where to send the browser after starting the flow: Garmin's consent page, or back to /garmin with a message.</summary>
public sealed record GarminConnectStart(Uri? ConsentUrl, string? MessageKey);

/// <summary>
/// The runner's side of linking: start (pending authorization kept server-side), complete (verify, exchange,
/// fetch user id and permissions, store encrypted) and disconnect. Every failure returns a message key and
/// leaves no half-made link behind.
/// </summary>
public sealed partial class GarminLinkService(
    IDbContextFactory<CoopahDbContext> dbFactory,
    GarminOAuthClient oauth,
    GarminUserClient users,
    GarminOptions garminOptions,
    GarminLinkTokens tokens,
    GarminTokenProtector protector,
    IEnumerable<IGarminEmulator> emulators,
    GarminSyncJob sync,
    GarminSyncKicker syncKicker,
    TimeProvider time,
    ILogger<GarminLinkService> logger)
{
    /// <summary>
    /// Starts linking for <paramref name="userId"/>. <paramref name="origin"/> is this site's public root as the
    /// browser sees it; callback URLs are built from it unless configured (Garmin:OAuth1CallbackUri, Garmin:OAuth2RedirectUri).
    /// </summary>
    public async Task<GarminConnectStart> StartAsync(string userId, string? userLabel, Uri origin, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.GarminPendingAuthorizations.Where(p => p.ExpiresAtUtc < now).ExecuteDeleteAsync(cancellationToken);

        var options = garminOptions;
        Uri consent;
        GarminPendingAuthorization pending;
        try
        {
            if (options.Mode == Coopah.Core.Garmin.GarminAuthMode.OAuth1)
            {
                var callback = options.OAuth1CallbackUri ?? new Uri(origin, "garmin/callback");
                var requestToken = await oauth.GetRequestTokenAsync(callback, cancellationToken);
                pending = NewPending(userId, LinkMode.OAuth1, requestToken.Token, requestToken.TokenSecret, callback, now);
                consent = oauth.BuildOAuth1ConfirmUrl(requestToken.Token, callback);
            }
            else
            {
                var redirect = options.OAuth2RedirectUri ?? new Uri(origin, "garmin/oauth2/callback");
                var pkce = oauth.CreatePkceAuthorization();
                pending = NewPending(userId, LinkMode.OAuth2, pkce.State, pkce.Verifier, redirect, now);
                consent = oauth.BuildOAuth2ConfirmUrl(pkce.Challenge, pkce.State, redirect);
            }
        }
        catch (GarminApiException ex)
        {
            LogStartFailed(userId, ex.Kind, ex.StatusCode is { } s ? (int)s : 0);
            return new GarminConnectStart(null, ex.IsRetryable ? GarminLinkMessages.GarminUnavailable : GarminLinkMessages.GarminRejected);
        }

        db.GarminPendingAuthorizations.Add(pending);
        await db.SaveChangesAsync(cancellationToken);

        if (emulators.FirstOrDefault() is { } emulator)
        {
            consent = emulator.ConsentUrl(consent, origin, userLabel);
        }

        return new GarminConnectStart(consent, null);
    }

    /// <summary>The OAuth 1.0a callback (<c>?oauth_token=&amp;oauth_verifier=</c>) for the signed-in <paramref name="userId"/>.</summary>
    public async Task<string> CompleteOAuth1Async(string userId, string? oauthToken, string? oauthVerifier, CancellationToken cancellationToken = default)
    {
        var callback = OAuth1CallbackResult.Evaluate(oauthToken, oauthVerifier);
        if (callback.Status == OAuth1CallbackStatus.MissingToken)
        {
            return GarminLinkMessages.InvalidCallback;
        }

        var (pending, failure) = await ConsumePendingAsync(userId, callback.RequestToken!, LinkMode.OAuth1, cancellationToken);
        if (pending is null)
        {
            return failure!;
        }

        if (callback.Status == OAuth1CallbackStatus.Denied)
        {
            return GarminLinkMessages.Denied;
        }

        try
        {
            var requestToken = new OAuth1Token(callback.RequestToken!, protector.Unprotect(pending.ProtectedSecret));
            var access = await oauth.GetAccessTokenAsync(requestToken, callback.Verifier!, cancellationToken);
            var credentials = GarminCredentials.OAuth1(access);
            var garminUserId = await users.GetUserIdAsync(credentials, cancellationToken);
            var permissions = await users.GetPermissionsAsync(credentials, cancellationToken);
            return await SaveLinkAsync(userId, garminUserId, permissions, link =>
            {
                link.Mode = LinkMode.OAuth1;
                link.ProtectedAccessToken = protector.Protect(access.Token);
                link.ProtectedTokenSecret = protector.Protect(access.TokenSecret);
                link.ProtectedRefreshToken = null;
                link.AccessTokenExpiresAtUtc = null;
                link.RefreshTokenExpiresAtUtc = null;
            }, cancellationToken);
        }
        catch (GarminApiException ex)
        {
            return Failed(userId, ex);
        }
    }

    /// <summary>The OAuth 2.0 redirect (<c>?code=&amp;state=</c> or <c>?error=&amp;state=</c>) for the signed-in <paramref name="userId"/>.</summary>
    public async Task<string> CompleteOAuth2Async(string userId, string? code, string? state, string? error, string? errorDescription, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(state))
        {
            return GarminLinkMessages.InvalidCallback;
        }

        var (pending, failure) = await ConsumePendingAsync(userId, state, LinkMode.OAuth2, cancellationToken);
        if (pending is null)
        {
            return failure!;
        }

        var callback = OAuth2CallbackResult.Evaluate(code, state, error, errorDescription, pending.Key);
        switch (callback.Status)
        {
            case OAuth2CallbackStatus.Approved:
                break;
            case OAuth2CallbackStatus.Denied:
                return GarminLinkMessages.Denied;
            case OAuth2CallbackStatus.StateMismatch:
                return GarminLinkMessages.WrongUser;
            case OAuth2CallbackStatus.Error:
                return GarminLinkMessages.GarminRejected;
            case OAuth2CallbackStatus.MissingCode:
                return GarminLinkMessages.InvalidCallback;
        }

        try
        {
            var token = await oauth.ExchangeCodeAsync(callback.Code!, protector.Unprotect(pending.ProtectedSecret), new Uri(pending.CallbackUri), cancellationToken);
            var credentials = GarminCredentials.Bearer(token);
            var garminUserId = await users.GetUserIdAsync(credentials, cancellationToken);
            var permissions = await users.GetPermissionsAsync(credentials, cancellationToken);
            return await SaveLinkAsync(userId, garminUserId, permissions, link =>
            {
                link.Mode = LinkMode.OAuth2;
                GarminLinkTokens.WriteOAuth2Token(link, token, protector);
            }, cancellationToken);
        }
        catch (GarminApiException ex)
        {
            return Failed(userId, ex);
        }
    }

    /// <summary>Disconnect: Garmin's DELETE registration, then the tokens are deleted and the link is Revoked.</summary>
    public async Task<string> DisconnectAsync(string userId, CancellationToken cancellationToken = default)
    {
        int linkId;
        bool active;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var link = await db.GarminLinks.AsNoTracking().SingleOrDefaultAsync(l => l.UserId == userId, cancellationToken);
            if (link is null || link.Status == GarminLinkStatus.Revoked)
            {
                return GarminLinkMessages.NotLinked;
            }

            linkId = link.Id;
            active = link.Status == GarminLinkStatus.Active;
        }

        if (active)
        {
            // Our workouts must go while the tokens still work; after the revoke nothing can delete them.
            await sync.RemoveAllAsync(userId, linkId, cancellationToken);
        }

        try
        {
            var credentials = await tokens.GetCredentialsAsync(linkId, cancellationToken);
            await users.DeleteRegistrationAsync(credentials, cancellationToken);
        }
        catch (GarminLinkUnavailableException)
        {
            // A broken link has nothing Garmin would accept any more; just forget it.
        }
        catch (GarminApiException ex) when (ex.IsAuthBroken)
        {
            // Garmin already considers the registration gone.
        }
        catch (GarminApiException ex)
        {
            // Keeping the tokens lets the runner retry; dropping them would leave Garmin sending data forever.
            LogDisconnectFailed(userId, ex.Kind);
            return GarminLinkMessages.DisconnectFailed;
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var link = await db.GarminLinks.SingleAsync(l => l.Id == linkId, cancellationToken);
            link.Revoke("Disconnected by the runner.", time.GetUtcNow().UtcDateTime);
            GarminSyncOutbox.AddRunnerIntent(db, userId, GarminSyncIntentKind.Unlink, time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(CancellationToken.None);
        }

        syncKicker.Kick(userId);

        LogDisconnected(userId);
        return GarminLinkMessages.Disconnected;
    }

    private GarminPendingAuthorization NewPending(string userId, LinkMode mode, string key, string secret, Uri callback, DateTime now) => new()
    {
        UserId = userId,
        Mode = mode,
        Key = key,
        ProtectedSecret = protector.Protect(secret),
        CallbackUri = callback.AbsoluteUri,
        CreatedAtUtc = now,
        ExpiresAtUtc = now + GarminPendingAuthorization.Lifetime,
    };

    /// <summary>
    /// Finds the pending authorization Garmin's callback refers to and deletes it (single use). Another user's
    /// row is left alone: the callback is refused without spending it.
    /// </summary>
    private async Task<(GarminPendingAuthorization? Pending, string? Failure)> ConsumePendingAsync(
        string userId, string key, LinkMode mode, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = await db.GarminPendingAuthorizations.AsNoTracking().SingleOrDefaultAsync(p => p.Key == key, cancellationToken);
        if (pending is null)
        {
            return (null, GarminLinkMessages.Replayed);
        }

        if (!string.Equals(pending.UserId, userId, StringComparison.Ordinal))
        {
            LogWrongUser(userId);
            return (null, GarminLinkMessages.WrongUser);
        }

        if (pending.Mode != mode)
        {
            return (null, GarminLinkMessages.InvalidCallback);
        }

        // The delete is the claim: of two concurrent callbacks only one removes the row.
        var deleted = await db.GarminPendingAuthorizations.Where(p => p.Id == pending.Id).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            return (null, GarminLinkMessages.Replayed);
        }

        if (DateTime.SpecifyKind(pending.ExpiresAtUtc, DateTimeKind.Utc) <= time.GetUtcNow().UtcDateTime)
        {
            return (null, GarminLinkMessages.Expired);
        }

        return (pending, null);
    }

    private async Task<string> SaveLinkAsync(
        string userId, string garminUserId, IReadOnlyList<string> permissions, Action<GarminLink> setTokens, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var other = await db.GarminLinks.SingleOrDefaultAsync(l => l.GarminUserId == garminUserId && l.UserId != userId, cancellationToken);
        if (other is not null)
        {
            if (other.Status != GarminLinkStatus.Revoked)
            {
                LogAlreadyLinked(userId);
                return GarminLinkMessages.AlreadyLinked;
            }

            // A disconnected runner's old row only holds history; the Garmin account is free again.
            db.GarminLinks.Remove(other);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var link = await db.GarminLinks.SingleOrDefaultAsync(l => l.UserId == userId, cancellationToken);
        if (link is null)
        {
            link = new GarminLink { UserId = userId, GarminUserId = garminUserId };
            db.GarminLinks.Add(link);
        }
        else if (!string.Equals(link.GarminUserId, garminUserId, StringComparison.Ordinal))
        {
            link.GarminUserId = garminUserId;
            link.LastActivityReceivedAtUtc = null;
        }

        setTokens(link);
        link.Activate(permissions, now);
        GarminSyncOutbox.AddRunnerIntent(db, userId, GarminSyncIntentKind.Reconcile, now);
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateException)
        {
            // Two runners finishing with the same Garmin account at once: the unique index decides.
            return GarminLinkMessages.AlreadyLinked;
        }

        syncKicker.Kick(userId);

        LogLinked(userId, link.Mode);
        return GarminLinkMessages.Linked;
    }

    private string Failed(string userId, GarminApiException ex)
    {
        LogCompleteFailed(userId, ex.Kind, ex.StatusCode is { } s ? (int)s : 0);
        return ex.IsRetryable ? GarminLinkMessages.GarminUnavailable : GarminLinkMessages.GarminRejected;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Garmin link start for {UserId} failed: {Kind} {Status}")]
    private partial void LogStartFailed(string userId, GarminErrorKind kind, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Garmin link completion for {UserId} failed: {Kind} {Status}")]
    private partial void LogCompleteFailed(string userId, GarminErrorKind kind, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Garmin callback for another user's authorization refused (signed in: {UserId})")]
    private partial void LogWrongUser(string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Garmin account already linked to another runner (attempt by {UserId})")]
    private partial void LogAlreadyLinked(string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Garmin linked for {UserId} via {Mode}")]
    private partial void LogLinked(string userId, LinkMode mode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Garmin disconnect for {UserId} failed: {Kind}")]
    private partial void LogDisconnectFailed(string userId, GarminErrorKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Garmin disconnected for {UserId}")]
    private partial void LogDisconnected(string userId);
}
