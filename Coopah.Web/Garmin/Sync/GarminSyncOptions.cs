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

    public int MaxAttempts { get; set; } = 8;

    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    public GarminRetryPolicy RetryPolicy => new(MaxAttempts, BaseRetryDelay, MaxRetryDelay);
}
