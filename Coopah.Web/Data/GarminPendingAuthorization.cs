using Coopah.Core.Garmin;

namespace Coopah.Web.Data;

/// <summary>
/// A Garmin authorization a runner started and has not finished: the OAuth 1.0a request token (with its secret)
/// or the OAuth 2.0 state (with the PKCE verifier). It stays server-side, belongs to one user, expires after
/// 15 minutes and is deleted by the first callback that uses it, so a replayed callback finds nothing.
/// </summary>
public sealed class GarminPendingAuthorization
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    public int Id { get; set; }

    public required string UserId { get; set; }

    public ApplicationUser? User { get; set; }

    public GarminAuthMode Mode { get; set; }

    /// <summary>The value Garmin echoes back: the OAuth1 request token or the OAuth2 state.</summary>
    public required string Key { get; set; }

    /// <summary>Data Protection ciphertext of the request-token secret (OAuth1) or the PKCE verifier (OAuth2).</summary>
    public required string ProtectedSecret { get; set; }

    /// <summary>The callback / redirect_uri sent at consent; the OAuth2 code exchange must repeat it exactly.</summary>
    public required string CallbackUri { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; }
}
