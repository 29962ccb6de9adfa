using Coopah.Core.Garmin;

namespace Coopah.Web.Garmin.Sync;

/// <summary>Configuration section "GarminSync".</summary>
public sealed class GarminSyncOptions
{
    public const string SectionName = "GarminSync";

    /// <summary>Days ahead (today included) whose sessions are on the watch; keeps a runner far under 200 calls/day.</summary>
    public int HorizonDays { get; set; } = 14;

    /// <summary>Partner-wide Training API calls per minute. Garmin allows 100 in evaluation, OAuth calls included, so leave headroom.</summary>
    public int PartnerCallsPerMinute { get; set; } = 90;

    /// <summary>
    /// How long a run waits after the first change: a burst of edits (a re-plan, a runner dragging sessions
    /// about) becomes one push of the final state instead of one per edit.
    /// </summary>
    public TimeSpan Debounce { get; set; } = TimeSpan.FromSeconds(2);

    public int MaxAttempts { get; set; } = 8;

    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    public GarminRetryPolicy RetryPolicy => new(MaxAttempts, BaseRetryDelay, MaxRetryDelay);
}
