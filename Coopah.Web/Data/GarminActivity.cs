namespace Coopah.Web.Data;

/// <summary>
/// A Garmin summary (activities, manuallyUpdatedActivities or activityDetails) for one of our runners, upserted
/// by (SummaryType, SummaryId): Garmin re-sends updated summaries and the latest delivery wins.
/// </summary>
public sealed class GarminActivity
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public ApplicationUser? User { get; set; }

    public required string GarminUserId { get; set; }

    public required string SummaryType { get; set; }

    public required string SummaryId { get; set; }

    public string? ActivityId { get; set; }

    public string? ActivityType { get; set; }

    public string? Name { get; set; }

    public DateTime? StartTimeUtc { get; set; }

    public int StartTimeOffsetSeconds { get; set; }

    /// <summary>The runner's calendar day: start time plus Garmin's offset, never the UTC date.</summary>
    public DateOnly? LocalDate { get; set; }

    public int? DurationSeconds { get; set; }

    public double? DistanceMetres { get; set; }

    public double? AverageSpeedMetresPerSecond { get; set; }

    public int? AverageHeartRate { get; set; }

    public int? MaxHeartRate { get; set; }

    public string? DeviceName { get; set; }

    public bool Manual { get; set; }

    public int SampleCount { get; set; }

    public int LapCount { get; set; }

    /// <summary>The item as Garmin sent it (samples and laps for details), kept for matching.</summary>
    public required string ItemJson { get; set; }

    /// <summary>The inbox row this version came from; an older delivery processed late never overwrites a newer one.</summary>
    public long SourceInboxId { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>New or changed since the matcher last looked at it.</summary>
    public bool NeedsMatching { get; set; }

    public double? AveragePaceSecondsPerKm =>
        AverageSpeedMetresPerSecond is > 0 and var speed ? 1000 / speed : null;
}
