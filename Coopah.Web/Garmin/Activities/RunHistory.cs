using System.Globalization;
using Coopah.Core.Garmin.Push;
using Coopah.Core.Garmin.Training;
using Coopah.Core.Plans;
using Coopah.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Coopah.Web.Garmin.Activities;

/// <summary>A run as the runner and coach see it before matching: one per Garmin activity, summary figures only.</summary>
public sealed record RunSummary(
    string ActivityKey,
    DateOnly Date,
    DateTime? LocalStart,
    string Name,
    string? ActivityType,
    double? DistanceMetres,
    int? DurationSeconds,
    double? AverageSpeed,
    int? AverageHeartRate,
    int? MaxHeartRate,
    bool HasDetails,
    bool Manual)
{
    public string Distance => DistanceMetres is { } metres ? (metres / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " km" : "–";

    public string Time => DurationSeconds is { } seconds ? Pace.FormatDuration(seconds) : "–";

    public string AveragePace => AverageSpeed is > 0 and var speed ? Pace.Format((int)Math.Round(1000 / speed)) + " /km" : "–";

    public string HeartRate => AverageHeartRate is { } hr ? $"{hr.ToString(CultureInfo.InvariantCulture)} bpm" : "–";
}

/// <summary>Runs received from Garmin, grouped per activity (summary, details and re-sent versions are one run).</summary>
public static class RunHistory
{
    private static readonly string[] SummaryTypes =
    [
        GarminNotificationKeys.Activities,
        GarminNotificationKeys.ManuallyUpdatedActivities,
        GarminNotificationKeys.ActivityDetails,
    ];

    public static async Task<IReadOnlyList<RunSummary>> RunsAsync(
        this CoopahDbContext db, string runnerId, DateOnly? from = null, DateOnly? to = null, int? latest = null, CancellationToken cancellationToken = default)
    {
        var query = db.GarminActivities.AsNoTracking()
            .Where(a => a.UserId == runnerId && SummaryTypes.Contains(a.SummaryType) && a.LocalDate != null);
        if (from is { } start)
        {
            query = query.Where(a => a.LocalDate >= start);
        }

        if (to is { } end)
        {
            query = query.Where(a => a.LocalDate <= end);
        }

        var rows = await query
            .Select(a => new
            {
                a.SummaryType, a.SummaryId, a.ActivityId, a.LocalDate, a.StartTimeUtc, a.StartTimeOffsetSeconds, a.Name, a.ActivityType,
                a.DistanceMetres, a.DurationSeconds, a.AverageSpeedMetresPerSecond, a.AverageHeartRate, a.MaxHeartRate, a.Manual,
            })
            .ToListAsync(cancellationToken);

        var runs = rows
            .GroupBy(r => r.ActivityId ?? r.SummaryId)
            .Select(g =>
            {
                // The plain summary carries the name and the latest figures; details fill in when it has not arrived.
                var best = g.OrderBy(r => r.SummaryType == GarminNotificationKeys.ActivityDetails ? 1 : 0).First();
                return new RunSummary(
                    g.Key,
                    best.LocalDate!.Value,
                    best.StartTimeUtc?.AddSeconds(best.StartTimeOffsetSeconds),
                    GarminWorkoutMapper.WithoutSessionCode(best.Name) is { Length: > 0 } name ? name : FriendlyType(best.ActivityType),
                    best.ActivityType,
                    best.DistanceMetres,
                    best.DurationSeconds,
                    best.AverageSpeedMetresPerSecond,
                    best.AverageHeartRate,
                    best.MaxHeartRate,
                    g.Any(r => r.SummaryType == GarminNotificationKeys.ActivityDetails),
                    best.Manual);
            })
            .OrderByDescending(r => r.Date)
            .ThenByDescending(r => r.LocalStart)
            .ToList();

        return latest is { } count ? runs.Take(count).ToList() : runs;
    }

    private static string FriendlyType(string? activityType) =>
        string.IsNullOrEmpty(activityType)
            ? "Run"
            : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(activityType.Replace('_', ' ').ToLowerInvariant());
}
