namespace Coopah.Core.Matching;

/// <summary>Which Garmin activity types are runs (spec 3.8); only runs are matched to sessions.</summary>
public static class RunActivityTypes
{
    private static readonly HashSet<string> Running = new(StringComparer.OrdinalIgnoreCase)
    {
        "RUNNING", "INDOOR_RUNNING", "OBSTACLE_RUN", "STREET_RUNNING", "TRACK_RUNNING", "TRAIL_RUNNING",
        "TREADMILL_RUNNING", "ULTRA_RUN", "VIRTUAL_RUN",
    };

    /// <summary>
    /// True for running types. A missing type counts as a run: summaries and pings can arrive without one, and the
    /// FIT file or a later summary corrects it. Garmin keeps adding types, so anything unknown is "other".
    /// </summary>
    public static bool IsRunning(string? activityType) => string.IsNullOrEmpty(activityType) || Running.Contains(activityType);
}
