using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Coopah.Core.Garmin;

namespace Coopah.Web.Sandbox;

/// <summary>A sandbox Garmin user as the sandbox page shows it.</summary>
public sealed record SandboxUser(string GarminUserId, string Login, string? CoopahUser, IReadOnlyList<string> Permissions, long OwnerId, bool Registered);

/// <summary>
/// The emulated Garmin's accounts: users, the permissions they granted, whether they are registered with the
/// partner and when they last revoked access (tokens issued before then stop working).
/// </summary>
public sealed class SandboxAccounts(TimeProvider time)
{
    public static readonly IReadOnlyList<string> AllPermissions =
        ["ACTIVITY_EXPORT", GarminPermissions.WorkoutImport, "HEALTH_EXPORT", "COURSE_IMPORT", "MCT_EXPORT", "HISTORICAL_DATA_EXPORT"];

    private readonly Lock _gate = new();
    private readonly Dictionary<string, UserEntry> _users = new(StringComparer.Ordinal);

    /// <summary>The Garmin user id of a sandbox login: stable, so re-linking (or a restart) finds the same account.</summary>
    public static string GarminUserIdFor(string login) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("sandbox-user|" + login.Trim().ToLowerInvariant())))[..32];

    public IReadOnlyList<SandboxUser> Users
    {
        get
        {
            lock (_gate)
            {
                return _users.Values.OrderBy(u => u.Login, StringComparer.Ordinal).Select(u => u.ToView()).ToList();
            }
        }
    }

    public SandboxUser? FindUser(string garminUserId)
    {
        lock (_gate)
        {
            return _users.TryGetValue(garminUserId, out var user) ? user.ToView() : null;
        }
    }

    /// <summary>Creates (or returns) the account for a login, as if the runner had signed in to Garmin Connect.</summary>
    public SandboxUser EnsureUser(string login, string? coopahUser = null, IEnumerable<string>? permissions = null)
    {
        lock (_gate)
        {
            var user = GetOrCreateUser(GarminUserIdFor(login), login);
            user.CoopahUser = coopahUser ?? user.CoopahUser;
            if (permissions is not null)
            {
                user.Permissions = Sanitize(permissions);
            }

            return user.ToView();
        }
    }

    /// <summary>
    /// The account behind a link stored in our database. The sandbox keeps its accounts in memory while links and their
    /// self-verifying tokens outlive a restart; like Garmin, which never forgets a user, it knows them again with the
    /// permissions the link recorded.
    /// </summary>
    public SandboxUser Recall(string garminUserId, IEnumerable<string> permissions)
    {
        lock (_gate)
        {
            if (!_users.ContainsKey(garminUserId))
            {
                var user = GetOrCreateUser(garminUserId, null);
                user.Permissions = Sanitize(permissions);
                user.Registered = true;
            }

            return _users[garminUserId].ToView();
        }
    }

    /// <summary>Replaces a user's permissions; false when unknown or unchanged (no push is due then).</summary>
    public bool SetPermissions(string garminUserId, IEnumerable<string> permissions)
    {
        lock (_gate)
        {
            if (!_users.TryGetValue(garminUserId, out var user))
            {
                return false;
            }

            var next = Sanitize(permissions);
            if (next.SetEquals(user.Permissions))
            {
                return false;
            }

            user.Permissions = next;
            return true;
        }
    }

    public bool HasPermission(string garminUserId, string permission)
    {
        lock (_gate)
        {
            return _users.TryGetValue(garminUserId, out var user) && user.Permissions.Contains(permission);
        }
    }

    /// <summary>DELETE registration: every token issued so far stops working.</summary>
    public void Deregister(string garminUserId)
    {
        lock (_gate)
        {
            var user = GetOrCreateUser(garminUserId, null);
            user.RevokedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds();
            user.Registered = false;
        }
    }

    /// <summary>The user signed in at a consent page and granted <paramref name="permissions"/>: returns the Garmin user id.</summary>
    internal string Consent(string login, string? coopahUser, IEnumerable<string> permissions)
    {
        lock (_gate)
        {
            var user = GetOrCreateUser(GarminUserIdFor(login), login);
            user.CoopahUser = coopahUser ?? user.CoopahUser;
            user.Permissions = Sanitize(permissions);
            return user.GarminUserId;
        }
    }

    /// <summary>Tokens were issued to the user: the partner is registered for them.</summary>
    internal void MarkRegistered(string garminUserId)
    {
        lock (_gate)
        {
            GetOrCreateUser(garminUserId, null).Registered = true;
        }
    }

    /// <summary>Whether a token issued at <paramref name="issuedAtMs"/> postdates the user's last revocation.</summary>
    internal bool IssuedSinceRevocation(string garminUserId, long issuedAtMs)
    {
        lock (_gate)
        {
            return issuedAtMs > GetOrCreateUser(garminUserId, null).RevokedAtMs;
        }
    }

    /// <summary>The owner id Garmin stamps on the user's workouts.</summary>
    internal long OwnerId(string garminUserId)
    {
        lock (_gate)
        {
            return GetOrCreateUser(garminUserId, null).OwnerId;
        }
    }

    private UserEntry GetOrCreateUser(string garminUserId, string? login)
    {
        if (!_users.TryGetValue(garminUserId, out var user))
        {
            // Tokens survive restarts (they verify themselves), so a user can reappear by id alone.
            user = new UserEntry(garminUserId, login ?? garminUserId)
            {
                Permissions = new HashSet<string>(AllPermissions.Where(p => p != "HISTORICAL_DATA_EXPORT"), StringComparer.Ordinal),
            };
            _users[garminUserId] = user;
        }

        return user;
    }

    private static HashSet<string> Sanitize(IEnumerable<string> permissions) =>
        new(permissions.Where(p => AllPermissions.Contains(p, StringComparer.Ordinal)), StringComparer.Ordinal);

    private sealed class UserEntry(string garminUserId, string login)
    {
        public string GarminUserId { get; } = garminUserId;

        public string Login { get; } = login;

        public string? CoopahUser { get; set; }

        public HashSet<string> Permissions { get; set; } = new(StringComparer.Ordinal);

        public long OwnerId { get; } = long.Parse(garminUserId.Length >= 12 ? garminUserId[..12] : "1", NumberStyles.HexNumber, CultureInfo.InvariantCulture);

        public long RevokedAtMs { get; set; }

        public bool Registered { get; set; }

        public SandboxUser ToView() => new(GarminUserId, Login, CoopahUser, Permissions.Order(StringComparer.Ordinal).ToList(), OwnerId, Registered);
    }
}
