using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Coopah.Core.Garmin;
using Coopah.Core.Garmin.OAuth;
using Coopah.Core.Garmin.Training;
using Microsoft.Extensions.Options;

namespace Coopah.Web.Sandbox;

/// <summary>A sandbox Garmin user as the sandbox page shows it.</summary>
public sealed record SandboxUser(string GarminUserId, string Login, string? CoopahUser, IReadOnlyList<string> Permissions, long OwnerId, bool Registered);

/// <summary>A scheduled workout on a sandbox user's Garmin calendar.</summary>
public sealed record SandboxCalendarEntry(long ScheduleId, DateOnly Date, GarminWorkout Workout);

/// <summary>Operations whose next answer can be forced to fail (for trying Garmin outages from tests or the page).</summary>
public static class SandboxOperations
{
    public const string RequestToken = "request_token";
    public const string AccessToken = "access_token";
    public const string Token = "token";
    public const string UserId = "user_id";
    public const string Permissions = "permissions";
    public const string Registration = "registration";
    public const string Training = "training";
}

/// <summary>
/// Everything the emulated Garmin remembers: users and their permissions, pending OAuth grants, spent refresh
/// tokens, workouts, schedules and quotas. In memory (an emulator) and guarded by one lock, because Kestrel
/// calls it from many threads.
/// </summary>
public sealed class GarminSandboxState
{
    public static readonly IReadOnlyList<string> AllPermissions =
        ["ACTIVITY_EXPORT", GarminPermissions.WorkoutImport, "HEALTH_EXPORT", "COURSE_IMPORT", "MCT_EXPORT", "HISTORICAL_DATA_EXPORT"];

    private static readonly TimeSpan GrantLifetime = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromSeconds(86400);
    private static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromSeconds(7775998);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly GarminSandboxOptions _options;
    private readonly SandboxTokens _tokens;
    private readonly Dictionary<string, UserEntry> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RequestTokenEntry> _requestTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CodeEntry> _codes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _spentRefreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<long, (string UserId, GarminWorkout Workout)> _workouts = [];
    private readonly Dictionary<long, (string UserId, GarminWorkoutSchedule Schedule)> _schedules = [];
    private readonly Dictionary<string, Queue<int>> _faults = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _partnerCalls = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _userCalls = new(StringComparer.Ordinal);
    private readonly HashSet<string> _backfills = new(StringComparer.Ordinal);
    private readonly Queue<(DateTimeOffset At, int Days)> _backfillDays = new();
    private long _nextWorkoutId = 9_000_001;
    private long _nextScheduleId = 5_000_001;
    private long _nextStepId = 1;

    public GarminSandboxState(IOptions<GarminSandboxOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _tokens = new SandboxTokens(_options);
    }

    public GarminSandboxOptions Options => _options;

    /// <summary>The Garmin user id of a sandbox login: stable, so re-linking (or a restart) finds the same account.</summary>
    public static string GarminUserIdFor(string login) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("sandbox-user|" + login.Trim().ToLowerInvariant())))[..32];

    // ------------------------------------------------------------------ users

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
            user.RevokedAtMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
            user.Registered = false;
        }
    }

    // ------------------------------------------------------------------ faults

    /// <summary>The next <paramref name="times"/> calls of <paramref name="operation"/> (see <see cref="SandboxOperations"/>) answer <paramref name="statusCode"/>.</summary>
    public void FailNext(string operation, int statusCode, int times = 1)
    {
        lock (_gate)
        {
            if (!_faults.TryGetValue(operation, out var queue))
            {
                _faults[operation] = queue = new Queue<int>();
            }

            for (var i = 0; i < times; i++)
            {
                queue.Enqueue(statusCode);
            }
        }
    }

    internal int? TakeFault(string operation)
    {
        lock (_gate)
        {
            return _faults.TryGetValue(operation, out var queue) && queue.TryDequeue(out var status) ? status : null;
        }
    }

    // ------------------------------------------------------------------ OAuth 1.0a

    internal OAuth1Token CreateRequestToken(string? callback)
    {
        var token = "rt" + SandboxTokens.Random(12);
        var secret = SandboxTokens.Random(16);
        lock (_gate)
        {
            PruneGrants();
            _requestTokens[token] = new RequestTokenEntry(secret, callback, _time.GetUtcNow());
        }

        return new OAuth1Token(token, secret);
    }

    /// <summary>The request token's secret and callback while it is pending; null when unknown, used or expired.</summary>
    internal (string Secret, string? Callback)? FindRequestToken(string token)
    {
        lock (_gate)
        {
            PruneGrants();
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

            var user = GetOrCreateUser(GarminUserIdFor(login), login);
            user.CoopahUser = coopahUser ?? user.CoopahUser;
            user.Permissions = Sanitize(permissions);
            entry.UserId = user.GarminUserId;
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
            var user = GetOrCreateUser(entry.UserId, null);
            user.Registered = true;
            var access = _tokens.NewOAuth1Token(entry.UserId, _time.GetUtcNow());
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

        lock (_gate)
        {
            var user = GetOrCreateUser(userId, null);
            return issuedAtMs > user.RevokedAtMs ? (userId, _tokens.OAuth1Secret(token)) : null;
        }
    }

    // ------------------------------------------------------------------ OAuth 2.0

    internal string CreateCode(string login, string? coopahUser, IEnumerable<string> permissions, string challenge, string redirectUri)
    {
        var code = SandboxTokens.Random(16);
        lock (_gate)
        {
            PruneGrants();
            var user = GetOrCreateUser(GarminUserIdFor(login), login);
            user.CoopahUser = coopahUser ?? user.CoopahUser;
            user.Permissions = Sanitize(permissions);
            _codes[code] = new CodeEntry(user.GarminUserId, challenge, redirectUri, _time.GetUtcNow());
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

            if (_time.GetUtcNow() - entry.CreatedAt > GrantLifetime)
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

            GetOrCreateUser(entry.UserId, null).Registered = true;
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
            if (claims.ExpiresAt <= _time.GetUtcNow().ToUnixTimeSeconds())
            {
                return (null, "The refresh token expired.");
            }

            if (claims.IssuedAtMs <= GetOrCreateUser(claims.UserId, null).RevokedAtMs)
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
        lock (_gate)
        {
            var user = GetOrCreateUser(garminUserId, null);
            user.Registered = true;
            var now = _time.GetUtcNow();
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
    }

    /// <summary>The user of a bearer access token, when valid, unexpired and not revoked.</summary>
    internal string? ResolveBearer(string? accessToken)
    {
        var claims = _tokens.ReadOAuth2Token(accessToken);
        if (claims is null || claims.Kind != "access")
        {
            return null;
        }

        lock (_gate)
        {
            return claims.ExpiresAt > _time.GetUtcNow().ToUnixTimeSeconds() && claims.IssuedAtMs > GetOrCreateUser(claims.UserId, null).RevokedAtMs
                ? claims.UserId
                : null;
        }
    }

    // ------------------------------------------------------------------ Training API

    /// <summary>Counts a Training API call; returns how long to wait when a quota (per partner per minute, per user per day) is used up.</summary>
    internal (TimeSpan? RetryAfter, string Reason) TryConsumeTrainingQuota(string garminUserId)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            Trim(_partnerCalls, now - TimeSpan.FromMinutes(1));
            if (!_userCalls.TryGetValue(garminUserId, out var userCalls))
            {
                _userCalls[garminUserId] = userCalls = new Queue<DateTimeOffset>();
            }

            Trim(userCalls, now - TimeSpan.FromDays(1));
            if (_partnerCalls.Count >= _options.PartnerRequestsPerMinute)
            {
                QuotaRejections++;
                return (Ceil(_partnerCalls.Peek() + TimeSpan.FromMinutes(1) - now), "Partner quota of requests per minute exceeded.");
            }

            if (userCalls.Count >= _options.UserRequestsPerDay)
            {
                QuotaRejections++;
                return (Ceil(userCalls.Peek() + TimeSpan.FromDays(1) - now), "User quota of requests per day exceeded.");
            }

            _partnerCalls.Enqueue(now);
            userCalls.Enqueue(now);
            return (null, "");
        }
    }

    /// <summary>How many Training API calls were refused with 429 (a well-behaved client keeps this at 0).</summary>
    public int QuotaRejections { get; private set; }

    /// <summary>Every workout the user holds, scheduled or not (to check nothing is left behind).</summary>
    public IReadOnlyList<GarminWorkout> Workouts(string garminUserId)
    {
        lock (_gate)
        {
            return [.. _workouts.Values.Where(w => w.UserId == garminUserId).Select(w => w.Workout).OrderBy(w => w.WorkoutId)];
        }
    }

    internal GarminWorkout AddWorkout(string garminUserId, GarminWorkout workout)
    {
        lock (_gate)
        {
            var id = _nextWorkoutId++;
            var stamp = Stamp();
            var stored = WithStepIds(workout) with
            {
                WorkoutId = id,
                OwnerId = GetOrCreateUser(garminUserId, null).OwnerId,
                CreatedDate = stamp,
                UpdatedDate = stamp,
            };
            _workouts[id] = (garminUserId, stored);
            return stored;
        }
    }

    internal GarminWorkout? GetWorkout(string garminUserId, long workoutId)
    {
        lock (_gate)
        {
            return _workouts.TryGetValue(workoutId, out var entry) && entry.UserId == garminUserId ? entry.Workout : null;
        }
    }

    internal bool ReplaceWorkout(string garminUserId, long workoutId, GarminWorkout workout)
    {
        lock (_gate)
        {
            if (!_workouts.TryGetValue(workoutId, out var entry) || entry.UserId != garminUserId)
            {
                return false;
            }

            _workouts[workoutId] = (garminUserId, WithStepIds(workout) with
            {
                WorkoutId = workoutId,
                OwnerId = entry.Workout.OwnerId,
                CreatedDate = entry.Workout.CreatedDate,
                UpdatedDate = Stamp(),
            });
            return true;
        }
    }

    /// <summary>Deletes the workout and, as in Garmin Connect, its calendar entries.</summary>
    internal bool DeleteWorkout(string garminUserId, long workoutId)
    {
        lock (_gate)
        {
            if (!_workouts.TryGetValue(workoutId, out var entry) || entry.UserId != garminUserId)
            {
                return false;
            }

            _workouts.Remove(workoutId);
            foreach (var id in _schedules.Where(s => s.Value.Schedule.WorkoutId == workoutId).Select(s => s.Key).ToList())
            {
                _schedules.Remove(id);
            }

            return true;
        }
    }

    internal GarminWorkoutSchedule? AddSchedule(string garminUserId, long workoutId, DateOnly date)
    {
        lock (_gate)
        {
            if (!_workouts.TryGetValue(workoutId, out var entry) || entry.UserId != garminUserId)
            {
                return null;
            }

            var schedule = new GarminWorkoutSchedule { ScheduleId = _nextScheduleId++, WorkoutId = workoutId, Date = date };
            _schedules[schedule.ScheduleId!.Value] = (garminUserId, schedule);
            return schedule;
        }
    }

    internal GarminWorkoutSchedule? GetSchedule(string garminUserId, long scheduleId)
    {
        lock (_gate)
        {
            return _schedules.TryGetValue(scheduleId, out var entry) && entry.UserId == garminUserId ? entry.Schedule : null;
        }
    }

    /// <summary>PUT schedule: null when the schedule or the new workout is not this user's.</summary>
    internal bool? ReplaceSchedule(string garminUserId, long scheduleId, long workoutId, DateOnly date)
    {
        lock (_gate)
        {
            if (!_schedules.TryGetValue(scheduleId, out var entry) || entry.UserId != garminUserId)
            {
                return false;
            }

            if (!_workouts.TryGetValue(workoutId, out var workout) || workout.UserId != garminUserId)
            {
                return null;
            }

            _schedules[scheduleId] = (garminUserId, new GarminWorkoutSchedule { ScheduleId = scheduleId, WorkoutId = workoutId, Date = date });
            return true;
        }
    }

    internal bool DeleteSchedule(string garminUserId, long scheduleId)
    {
        lock (_gate)
        {
            return _schedules.TryGetValue(scheduleId, out var entry) && entry.UserId == garminUserId && _schedules.Remove(scheduleId);
        }
    }

    internal IReadOnlyList<GarminWorkoutSchedule> ListSchedules(string garminUserId, DateOnly start, DateOnly end)
    {
        lock (_gate)
        {
            return _schedules.Values
                .Where(s => s.UserId == garminUserId && s.Schedule.Date >= start && s.Schedule.Date <= end)
                .Select(s => s.Schedule)
                .OrderBy(s => s.Date)
                .ThenBy(s => s.ScheduleId)
                .ToList();
        }
    }

    /// <summary>The user's calendar as the watch receives it: every scheduled workout by date.</summary>
    public IReadOnlyList<SandboxCalendarEntry> Calendar(string garminUserId)
    {
        lock (_gate)
        {
            return _schedules.Values
                .Where(s => s.UserId == garminUserId && _workouts.ContainsKey(s.Schedule.WorkoutId))
                .Select(s => new SandboxCalendarEntry(s.Schedule.ScheduleId!.Value, s.Schedule.Date, _workouts[s.Schedule.WorkoutId].Workout))
                .OrderBy(e => e.Date)
                .ThenBy(e => e.ScheduleId)
                .ToList();
        }
    }

    // ------------------------------------------------------------------ backfill

    /// <summary>
    /// A backfill request (spec 3.7): null when accepted (202), else the status and message Garmin would send:
    /// 409 for a range already requested, 429 past 100 days of data per minute.
    /// </summary>
    internal (int Status, string Message)? TryBackfill(string garminUserId, string summaryType, long start, long end)
    {
        var days = (int)Math.Ceiling((end - start) / 86400.0);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            while (_backfillDays.TryPeek(out var first) && first.At <= now - TimeSpan.FromMinutes(1))
            {
                _backfillDays.Dequeue();
            }

            if (_backfillDays.Sum(b => b.Days) + days > 100)
            {
                return (429, "Backfill quota of 100 days of data per minute exceeded.");
            }

            var key = string.Join('|', garminUserId, summaryType, start.ToString(CultureInfo.InvariantCulture), end.ToString(CultureInfo.InvariantCulture));
            if (!_backfills.Add(key))
            {
                return (409, string.Create(CultureInfo.InvariantCulture, $"[{summaryType}] duplicate backfill processed at {now:O}"));
            }

            _backfillDays.Enqueue((now, days));
            return null;
        }
    }

    // ------------------------------------------------------------------ plumbing

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

    private void PruneGrants()
    {
        var cutoff = _time.GetUtcNow() - GrantLifetime;
        foreach (var key in _requestTokens.Where(r => r.Value.CreatedAt < cutoff).Select(r => r.Key).ToList())
        {
            _requestTokens.Remove(key);
        }

        foreach (var key in _codes.Where(c => c.Value.CreatedAt < cutoff).Select(c => c.Key).ToList())
        {
            _codes.Remove(key);
        }
    }

    private static void Trim(Queue<DateTimeOffset> calls, DateTimeOffset cutoff)
    {
        while (calls.TryPeek(out var first) && first <= cutoff)
        {
            calls.Dequeue();
        }
    }

    private static TimeSpan Ceil(TimeSpan wait) => TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(wait.TotalSeconds)));

    private string Stamp() => _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.f", CultureInfo.InvariantCulture);

    private GarminWorkout WithStepIds(GarminWorkout workout) => workout with
    {
        Segments = workout.Segments.Select(s => s with { Steps = WithStepIds(s.Steps) }).ToList(),
    };

    private List<GarminWorkoutStepBase> WithStepIds(IReadOnlyList<GarminWorkoutStepBase> steps) =>
        steps.Select(s => s switch
        {
            GarminWorkoutStep step => step with { StepId = _nextStepId++ },
            GarminWorkoutRepeatStep repeat => (GarminWorkoutStepBase)(repeat with { StepId = _nextStepId++, Steps = WithStepIds(repeat.Steps) }),
            _ => s,
        }).ToList();

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

    private sealed class RequestTokenEntry(string secret, string? callback, DateTimeOffset createdAt)
    {
        public string Secret { get; } = secret;

        public string? Callback { get; } = callback;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public string? UserId { get; set; }

        public string? Verifier { get; set; }

        public bool Exchanged { get; set; }
    }

    private sealed record CodeEntry(string UserId, string Challenge, string RedirectUri, DateTimeOffset CreatedAt);
}
