using Coopah.Core.Garmin.OAuth;
using Microsoft.Extensions.Options;

namespace Coopah.Web.Sandbox;

/// <summary>
/// The emulated Garmin's OAuth 2.0 server: pending authorization codes (PKCE S256), access and refresh tokens
/// (self-verifying, checked against the user's revocation) and the refresh tokens already spent by rotation.
/// </summary>
public sealed class SandboxOAuth2Server(SandboxAccounts accounts, IOptions<GarminSandboxOptions> options, TimeProvider time)
{
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromSeconds(86400);
    private static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromSeconds(7775998);

    private readonly Lock _gate = new();
    private readonly GarminSandboxOptions _options = options.Value;
    private readonly SandboxTokens _tokens = new(options.Value);
    private readonly Dictionary<string, CodeEntry> _codes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _spentRefreshTokens = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="clientId"/> is the partner's OAuth 2.0 client id.</summary>
    internal bool IsClientId(string? clientId) => Pkce.ConstantTimeEquals(_options.ClientId, clientId);

    /// <summary>Whether the client credentials sent to the token endpoint are the partner's.</summary>
    internal bool IsClient(string? clientId, string? clientSecret) =>
        Pkce.ConstantTimeEquals(_options.ClientId, clientId) && Pkce.ConstantTimeEquals(_options.ClientSecret, clientSecret);

    internal string CreateCode(string login, string? coopahUser, IEnumerable<string> permissions, string challenge, string redirectUri)
    {
        var code = SandboxTokens.Random(16);
        lock (_gate)
        {
            Prune();
            var userId = accounts.Consent(login, coopahUser, permissions);
            _codes[code] = new CodeEntry(userId, challenge, redirectUri, time.GetUtcNow());
        }

        return code;
    }

    /// <summary>authorization_code grant: single use (spent even when the check fails), PKCE S256 and redirect_uri checked.</summary>
    internal (GarminTokenResponse? Response, string Error) RedeemCode(string? code, string? verifier, string? redirectUri)
    {
        lock (_gate)
        {
            if (code is null || !_codes.Remove(code, out var entry))
            {
                return (null, "Unknown or already used authorization code.");
            }

            if (time.GetUtcNow() - entry.CreatedAt > CodeLifetime)
            {
                return (null, "The authorization code expired.");
            }

            if (!string.Equals(entry.RedirectUri, redirectUri, StringComparison.Ordinal))
            {
                return (null, "redirect_uri does not match the one used at authorization.");
            }

            if (!Pkce.VerifyS256(verifier, entry.Challenge))
            {
                return (null, "code_verifier does not match the code_challenge.");
            }

            return (IssueOAuth2Tokens(entry.UserId), "");
        }
    }

    /// <summary>refresh_token grant: the presented refresh token is spent and a new pair issued (rotation).</summary>
    internal (GarminTokenResponse? Response, string Error) Refresh(string? refreshToken)
    {
        var claims = _tokens.ReadOAuth2Token(refreshToken);
        if (claims is null || claims.Kind != "refresh")
        {
            return (null, "Invalid refresh token.");
        }

        lock (_gate)
        {
            if (claims.ExpiresAt <= time.GetUtcNow().ToUnixTimeSeconds())
            {
                return (null, "The refresh token expired.");
            }

            if (!accounts.IssuedSinceRevocation(claims.UserId, claims.IssuedAtMs))
            {
                return (null, "The user revoked access.");
            }

            if (!_spentRefreshTokens.Add(claims.Id))
            {
                return (null, "The refresh token was already used.");
            }

            return (IssueOAuth2Tokens(claims.UserId), "");
        }
    }

    /// <summary>Issues a fresh OAuth 2.0 token pair for a user (also used by token-exchange and by tests).</summary>
    public GarminTokenResponse IssueOAuth2Tokens(string garminUserId)
    {
        accounts.MarkRegistered(garminUserId);
        var now = time.GetUtcNow();
        return new GarminTokenResponse
        {
            AccessToken = _tokens.NewOAuth2Token("access", garminUserId, now, AccessTokenLifetime, _options.ClientId),
            TokenType = "bearer",
            ExpiresIn = (long)AccessTokenLifetime.TotalSeconds,
            RefreshToken = _tokens.NewOAuth2Token("refresh", garminUserId, now, RefreshTokenLifetime, _options.ClientId),
            RefreshTokenExpiresIn = (long)RefreshTokenLifetime.TotalSeconds,
            Scope = "PARTNER_WRITE PARTNER_READ CONNECT_READ CONNECT_WRITE",
            Jti = Guid.NewGuid().ToString("D"),
        };
    }

    /// <summary>The user of a bearer access token, when valid, unexpired and not revoked.</summary>
    internal string? ResolveBearer(string? accessToken)
    {
        var claims = _tokens.ReadOAuth2Token(accessToken);
        if (claims is null || claims.Kind != "access")
        {
            return null;
        }

        return claims.ExpiresAt > time.GetUtcNow().ToUnixTimeSeconds() && accounts.IssuedSinceRevocation(claims.UserId, claims.IssuedAtMs)
            ? claims.UserId
            : null;
    }

    private void Prune()
    {
        var cutoff = time.GetUtcNow() - CodeLifetime;
        foreach (var key in _codes.Where(c => c.Value.CreatedAt < cutoff).Select(c => c.Key).ToList())
        {
            _codes.Remove(key);
        }
    }

    private sealed record CodeEntry(string UserId, string Challenge, string RedirectUri, DateTimeOffset CreatedAt);
}
