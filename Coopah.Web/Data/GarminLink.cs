using Coopah.Core.Garmin.Sync;
using Coopah.Core.Garmin;

namespace Coopah.Web.Data;

public enum GarminLinkStatus
{
    Active,

    /// <summary>Garmin rejected our token (401/403); the runner must reconnect.</summary>
    Broken,

    /// <summary>The runner disconnected or Garmin sent a deregistration.</summary>
    Revoked,
}

/// <summary>
/// A runner's Garmin Connect authorization. The Garmin user id is the stable key for everything Garmin sends;
/// token fields hold Data Protection ciphertext, never clear text.
/// </summary>
public sealed class GarminLink
{
    public int Id { get; set; }

    public required string UserId { get; set; }

    public ApplicationUser? User { get; set; }

    public required string GarminUserId { get; set; }

    public GarminAuthMode Mode { get; set; }

    public GarminLinkStatus Status { get; set; }

    public string? ProtectedAccessToken { get; set; }

    /// <summary>OAuth 1.0a token secret.</summary>
    public string? ProtectedTokenSecret { get; set; }

    /// <summary>OAuth 2.0 refresh token; Garmin rotates it, so only the newest is kept.</summary>
    public string? ProtectedRefreshToken { get; set; }

    public DateTime? AccessTokenExpiresAtUtc { get; set; }

    public DateTime? RefreshTokenExpiresAtUtc { get; set; }

    /// <summary>Space-separated Garmin permissions, e.g. "ACTIVITY_EXPORT WORKOUT_IMPORT".</summary>
    public string Permissions { get; set; } = "";

    public DateTime LinkedAtUtc { get; set; }

    public DateTime? RevokedAtUtc { get; set; }

    public string? StatusReason { get; set; }

    public DateTime? LastActivityReceivedAtUtc { get; set; }

    /// <summary>The runner's local date when <c>GarminSyncHorizonJob</c> last moved the sync horizon for this link.</summary>
    public DateOnly? HorizonMovedOnLocalDate { get; set; }

    /// <summary>What the last OAuth 1.0a to 2.0 token exchange did for this link (shown to admins).</summary>
    public string? MigrationNote { get; set; }

    public DateTime? MigrationAttemptedAtUtc { get; set; }

    public IReadOnlyList<string> PermissionList => Permissions.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool HasPermission(string permission) => PermissionList.Contains(permission, StringComparer.Ordinal);

    /// <summary>
    /// A new or renewed authorization: Active again with these permissions. The caller has set the tokens
    /// (their shape depends on OAuth 1.0a or 2.0).
    /// </summary>
    public void Activate(IEnumerable<string> permissions, DateTime now)
    {
        Status = GarminLinkStatus.Active;
        Permissions = string.Join(' ', permissions);
        LinkedAtUtc = now;
        RevokedAtUtc = null;
        StatusReason = null;
    }

    /// <summary>Garmin rejected our access (401/403, refused refresh): the runner must reconnect. The tokens stay for the record.</summary>
    public void Break(string reason)
    {
        Status = GarminLinkStatus.Broken;
        StatusReason = reason;
    }

    /// <summary>
    /// The link is over (the runner disconnected, Garmin deregistered): every token and its expiry is dropped, so
    /// nothing can use or refresh it, and the row keeps only the history.
    /// </summary>
    public void Revoke(string reason, DateTime now)
    {
        Status = GarminLinkStatus.Revoked;
        ProtectedAccessToken = null;
        ProtectedTokenSecret = null;
        ProtectedRefreshToken = null;
        AccessTokenExpiresAtUtc = null;
        RefreshTokenExpiresAtUtc = null;
        RevokedAtUtc = now;
        StatusReason = reason;
    }

    /// <summary>What the sync may do with this link (null: not linked).</summary>
    public static WorkoutSyncAccess SyncAccess(GarminLink? link) => link switch
    {
        null or { Status: GarminLinkStatus.Revoked } => WorkoutSyncAccess.NotLinked,
        { Status: GarminLinkStatus.Broken } => WorkoutSyncAccess.Broken,
        _ when !link.HasPermission(GarminPermissions.WorkoutImport) => WorkoutSyncAccess.NoWorkoutImport,
        _ => WorkoutSyncAccess.Active,
    };
}
