using Microsoft.Extensions.Options;

namespace Coopah.Web.Garmin.Sync;

/// <summary>
/// Partner-wide token bucket for Training API calls (one process holds the whole partner quota). A caller that
/// finds it empty gets the wait and reschedules its job instead of sleeping on a Hangfire worker.
/// </summary>
public sealed class GarminCallBudget(IOptions<GarminSyncOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private double _tokens = -1;
    private DateTimeOffset _last;

    /// <summary>Takes one call; false with the wait until the next token when the bucket is empty.</summary>
    public bool TryTake(out TimeSpan wait)
    {
        var perMinute = Math.Max(1, options.Value.PartnerCallsPerMinute);
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_tokens < 0)
            {
                _tokens = perMinute;
                _last = now;
            }

            _tokens = Math.Min(perMinute, _tokens + ((now - _last).TotalMinutes * perMinute));
            _last = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                wait = TimeSpan.Zero;
                return true;
            }

            wait = TimeSpan.FromMinutes((1 - _tokens) / perMinute);
            return false;
        }
    }
}
