namespace Coopah.Core.Garmin.Push;

/// <summary>Local (device) time of Garmin activities: start + offset, never UTC.</summary>
public static class GarminActivityTime
{
    /// <summary>The local wall-clock start (Kind Unspecified) of an activity.</summary>
    public static DateTime LocalStart(long startTimeInSeconds, long startTimeOffsetInSeconds) =>
        DateTime.SpecifyKind(DateTimeOffset.FromUnixTimeSeconds(startTimeInSeconds + startTimeOffsetInSeconds).UtcDateTime, DateTimeKind.Unspecified);

    /// <summary>The runner's calendar date of an activity: the date of startTimeInSeconds + startTimeOffsetInSeconds.</summary>
    public static DateOnly LocalDate(long startTimeInSeconds, long startTimeOffsetInSeconds) =>
        DateOnly.FromDateTime(LocalStart(startTimeInSeconds, startTimeOffsetInSeconds));

    /// <summary>The local date of a summary, or null without a start time (a missing offset counts as 0).</summary>
    public static DateOnly? LocalDate(GarminActivitySummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary.StartTimeInSeconds is { } start ? LocalDate(start, summary.StartTimeOffsetInSeconds ?? 0) : null;
    }
}
