using System.Globalization;

namespace Coopah.Core.Plans;

/// <summary>An absolute pace band in seconds per km; <see cref="FastSecondsPerKm"/> is the smaller number.</summary>
public readonly record struct PaceRange(int FastSecondsPerKm, int SlowSecondsPerKm)
{
    /// <summary>Fastest plausible running pace a target may use (2:00 /km).</summary>
    public const int MinPlausibleSecondsPerKm = 120;

    /// <summary>Slowest plausible running pace a target may use (15:00 /km).</summary>
    public const int MaxPlausibleSecondsPerKm = 900;

    public double MidpointSecondsPerKm => (FastSecondsPerKm + SlowSecondsPerKm) / 2.0;

    /// <summary>Formats as <c>3:50-4:00/km</c>, or <c>4:00/km</c> when both ends are equal.</summary>
    public override string ToString() => FastSecondsPerKm == SlowSecondsPerKm
        ? Pace.Format(FastSecondsPerKm) + "/km"
        : Pace.Format(FastSecondsPerKm) + "-" + Pace.Format(SlowSecondsPerKm) + "/km";
}

/// <summary>Pace and duration formatting helpers (invariant culture).</summary>
public static class Pace
{
    /// <summary>Formats seconds per km as <c>m:ss</c>, e.g. 230 as <c>3:50</c>.</summary>
    public static string Format(int secondsPerKm)
    {
        var sign = secondsPerKm < 0 ? "-" : string.Empty;
        var abs = Math.Abs(secondsPerKm);
        return sign + (abs / 60).ToString(CultureInfo.InvariantCulture) + ":"
            + (abs % 60).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>Formats a duration as <c>h:mm:ss</c> (or <c>m:ss</c> under an hour).</summary>
    public static string FormatDuration(int seconds)
    {
        var t = TimeSpan.FromSeconds(seconds);
        return t.TotalHours >= 1
            ? ((int)t.TotalHours).ToString(CultureInfo.InvariantCulture) + ":" + t.ToString(@"mm\:ss", CultureInfo.InvariantCulture)
            : t.Minutes.ToString(CultureInfo.InvariantCulture) + ":" + t.ToString(@"ss", CultureInfo.InvariantCulture);
    }
}
