namespace Coopah.Core.Garmin;

/// <summary>
/// Backoff for retryable Garmin failures (429, 5xx, transport): exponential from <see cref="BaseDelay"/>, capped
/// at <see cref="MaxDelay"/>, with jitter, never shorter than Retry-After, and never retried forever.
/// </summary>
/// <param name="MaxAttempts">Attempts in total (the first try included); after that the intent is Failed.</param>
/// <param name="BaseDelay">Delay before the second attempt (before jitter).</param>
/// <param name="MaxDelay">Cap of the exponential part.</param>
public sealed record GarminRetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <summary>8 attempts, 30 s doubling to at most 1 h.</summary>
    public static GarminRetryPolicy Default { get; } = new(8, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1));

    /// <summary>True when <paramref name="error"/> is retryable and <paramref name="attempt"/> (1-based, just failed) is not the last.</summary>
    public bool ShouldRetry(GarminApiException error, int attempt)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.IsRetryable && attempt < MaxAttempts;
    }

    /// <summary>
    /// The wait after failed attempt <paramref name="attempt"/> (1-based). <paramref name="jitter"/> in [0, 1)
    /// scales the exponential delay into [50 %, 100 %); Retry-After, when longer, wins.
    /// </summary>
    public TimeSpan NextDelay(int attempt, TimeSpan? retryAfter, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var clampedJitter = double.IsNaN(jitter) ? 0 : Math.Clamp(jitter, 0, 1);
        var exponent = Math.Min(attempt - 1, 30);
        var raw = Math.Min(BaseDelay.TotalMilliseconds * Math.Pow(2, exponent), MaxDelay.TotalMilliseconds);
        var delay = TimeSpan.FromMilliseconds(raw * (0.5 + (clampedJitter / 2)));
        return retryAfter is { } after && after > delay ? after : delay;
    }
}
