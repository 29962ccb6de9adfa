namespace Coopah.Core.Plans.Scheduling;

/// <summary>The runner's local calendar date, from an injected clock (Core never reads the system clock itself).</summary>
public static class LocalDate
{
    /// <summary>Today's date in <paramref name="zone"/> according to <paramref name="time"/>.</summary>
    public static DateOnly Today(TimeProvider time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(zone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
    }
}
