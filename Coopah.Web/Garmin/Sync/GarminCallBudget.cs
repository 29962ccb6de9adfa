using Microsoft.Extensions.Options;

namespace Coopah.Web.Garmin.Sync;

/// <summary>
/// Partner-wide budget for Training API calls (one process holds the whole partner quota). It is a rolling
/// 60-second window, the same shape as Garmin's limit: a refilling token bucket would allow a full bucket plus a
/// minute of refill inside one window, i.e. nearly twice the quota. A caller that finds it empty gets the wait
/// and reschedules its job instead of sleeping on a Hangfire worker.
/// </summary>
public sealed class GarminCallBudget(IOptions<GarminSyncOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly Queue<DateTimeOffset> _calls = new();

    /// <summary>Takes one call; false with the wait until a call leaves the window when the budget is used up.</summary>
    public bool TryTake(out TimeSpan wait)
    {
        var perMinute = Math.Max(1, options.Value.PartnerCallsPerMinute);
        lock (_gate)
        {
            var now = time.GetUtcNow();
            while (_calls.Count > 0 && _calls.Peek() <= now - Window)
            {
                _calls.Dequeue();
            }

            if (_calls.Count < perMinute)
            {
                _calls.Enqueue(now);
                wait = TimeSpan.Zero;
                return true;
            }

            wait = _calls.Peek() + Window - now;
            return false;
        }
    }
}
