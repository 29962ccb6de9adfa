using Coopah.Core.Garmin.OAuth;
using Microsoft.Extensions.Options;

namespace Coopah.Web.Sandbox;

/// <summary>
/// The emulated Garmin's OAuth 1.0a server: pending request tokens (with their callback, approval and verifier)
/// and the user access tokens, which verify themselves and are only checked against the user's revocation.
/// </summary>
public sealed class SandboxOAuth1Server(SandboxAccounts accounts, IOptions<GarminSandboxOptions> options, TimeProvider time)
{
    private static readonly TimeSpan RequestTokenLifetime = TimeSpan.FromMinutes(15);

    private readonly Lock _gate = new();
    private readonly SandboxTokens _tokens = new(options.Value);
    private readonly Dictionary<string, RequestTokenEntry> _requestTokens = new(StringComparer.Ordinal);

    internal OAuth1Token CreateRequestToken(string? callback)
    {
        var token = "rt" + SandboxTokens.Random(12);
        var secret = SandboxTokens.Random(16);
        lock (_gate)
        {
            Prune();
            _requestTokens[token] = new RequestTokenEntry(secret, callback, time.GetUtcNow());
        }

        return new OAuth1Token(token, secret);
    }

    /// <summary>The request token's secret and callback while it is pending; null when unknown, used or expired.</summary>
    internal (string Secret, string? Callback)? FindRequestToken(string token)
    {
        lock (_gate)
        {
            Prune();
            return _requestTokens.TryGetValue(token, out var entry) && !entry.Exchanged ? (entry.Secret, entry.Callback) : null;
        }
    }

    /// <summary>The user approved at oauthConfirm: returns the verifier to send to the callback.</summary>
    internal string? ApproveRequestToken(string token, string login, string? coopahUser, IEnumerable<string> permissions)
    {
        lock (_gate)
        {
            if (!_requestTokens.TryGetValue(token, out var entry) || entry.Exchanged)
            {
                return null;
            }

            entry.UserId = accounts.Consent(login, coopahUser, permissions);
            entry.Verifier = SandboxTokens.Random(10);
            return entry.Verifier;
        }
    }

    /// <summary>access_token: the approved request token and its verifier, once. Null with a reason otherwise.</summary>
    internal (OAuth1Token? Token, string Error) ExchangeRequestToken(string token, string? verifier)
    {
        lock (_gate)
        {
            if (!_requestTokens.TryGetValue(token, out var entry) || entry.Exchanged)
            {
                return (null, "Unknown or already used request token.");
            }

            if (entry.Verifier is null || entry.UserId is null)
            {
                return (null, "The request token was not authorized.");
            }

            if (!Pkce.ConstantTimeEquals(entry.Verifier, verifier))
            {
                return (null, "Invalid oauth_verifier.");
            }

            entry.Exchanged = true;
            accounts.MarkRegistered(entry.UserId);
            var access = _tokens.NewOAuth1Token(entry.UserId, time.GetUtcNow());
            return (new OAuth1Token(access, _tokens.OAuth1Secret(access)), "");
        }
    }

    /// <summary>The secret of a user access token, when the token is one of ours and not revoked.</summary>
    internal (string UserId, string Secret)? ResolveOAuth1Token(string? token)
    {
        if (token is null || !_tokens.TryReadOAuth1Token(token, out var userId, out var issuedAtMs))
        {
            return null;
        }

        return accounts.IssuedSinceRevocation(userId, issuedAtMs) ? (userId, _tokens.OAuth1Secret(token)) : null;
    }

    private void Prune()
    {
        var cutoff = time.GetUtcNow() - RequestTokenLifetime;
        foreach (var key in _requestTokens.Where(r => r.Value.CreatedAt < cutoff).Select(r => r.Key).ToList())
        {
            _requestTokens.Remove(key);
        }
    }

    private sealed class RequestTokenEntry(string secret, string? callback, DateTimeOffset createdAt)
    {
        public string Secret { get; } = secret;

        public string? Callback { get; } = callback;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public string? UserId { get; set; }

        public string? Verifier { get; set; }

        public bool Exchanged { get; set; }
    }
}
