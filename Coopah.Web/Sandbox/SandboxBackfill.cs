using System.Globalization;

namespace Coopah.Web.Sandbox;

/// <summary>Backfill requests (spec 3.7): each range once, and at most 100 days of data per minute.</summary>
public sealed class SandboxBackfill(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _backfills = new(StringComparer.Ordinal);
    private readonly Queue<(DateTimeOffset At, int Days)> _backfillDays = new();

    /// <summary>
    /// A backfill request: null when accepted (202), else the status and message Garmin would send:
    /// 409 for a range already requested, 429 past 100 days of data per minute.
    /// </summary>
    internal (int Status, string Message)? TryBackfill(string garminUserId, string summaryType, long start, long end)
    {
        var days = (int)Math.Ceiling((end - start) / 86400.0);
        lock (_gate)
        {
            var now = time.GetUtcNow();
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
}
