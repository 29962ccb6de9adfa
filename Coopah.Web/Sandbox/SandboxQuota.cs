using Microsoft.Extensions.Options;

namespace Coopah.Web.Sandbox;

/// <summary>The Training API's rate limits: requests per partner per minute and per user per day.</summary>
public sealed class SandboxQuota(IOptions<GarminSandboxOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly GarminSandboxOptions _options = options.Value;
    private readonly Queue<DateTimeOffset> _partnerCalls = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _userCalls = new(StringComparer.Ordinal);
    private int _rejections;

    /// <summary>How many Training API calls were refused with 429 (a well-behaved client keeps this at 0).</summary>
    public int QuotaRejections
    {
        get
        {
            lock (_gate)
            {
                return _rejections;
            }
        }
    }

    /// <summary>Counts a Training API call; returns how long to wait when a quota (per partner per minute, per user per day) is used up.</summary>
    internal (TimeSpan? RetryAfter, string Reason) TryConsumeTrainingQuota(string garminUserId)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            Trim(_partnerCalls, now - TimeSpan.FromMinutes(1));
            if (!_userCalls.TryGetValue(garminUserId, out var userCalls))
            {
                _userCalls[garminUserId] = userCalls = new Queue<DateTimeOffset>();
            }

            Trim(userCalls, now - TimeSpan.FromDays(1));
            if (_partnerCalls.Count >= _options.PartnerRequestsPerMinute)
            {
                _rejections++;
                return (Ceil(_partnerCalls.Peek() + TimeSpan.FromMinutes(1) - now), "Partner quota of requests per minute exceeded.");
            }

            if (userCalls.Count >= _options.UserRequestsPerDay)
            {
                _rejections++;
                return (Ceil(userCalls.Peek() + TimeSpan.FromDays(1) - now), "User quota of requests per day exceeded.");
            }

            _partnerCalls.Enqueue(now);
            userCalls.Enqueue(now);
            return (null, "");
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
}
