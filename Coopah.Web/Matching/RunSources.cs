using System.Text.Json;
using Coopah.Core.Fit;
using Coopah.Core.Garmin.Push;
using Coopah.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Coopah.Web.Matching;

/// <summary>The key that ties a run's summary, details and file together.</summary>
public static class RunKeys
{
    /// <summary>Garmin's activity id; without one, the summary id less the "-detail" / "-file" suffix Garmin adds.</summary>
    public static string For(string? activityId, string summaryId)
    {
        ArgumentNullException.ThrowIfNull(summaryId);
        if (!string.IsNullOrEmpty(activityId))
        {
            return activityId;
        }

        foreach (var suffix in (ReadOnlySpan<string>)["-detail", "-file"])
        {
            if (summaryId.EndsWith(suffix, StringComparison.Ordinal))
            {
                return summaryId[..^suffix.Length];
            }
        }

        return summaryId;
    }
}

/// <summary>A run's FIT file: its bytes, the decoded activity, or why it could not be decoded.</summary>
public sealed record FitSource(byte[]? Bytes, FitActivity? Activity, string? Error)
{
    public static FitSource None { get; } = new(null, null, null);

    public static FitSource Decode(byte[] bytes)
    {
        try
        {
            return new FitSource(bytes, FitActivity.Decode(bytes), null);
        }
        catch (FitFormatException ex)
        {
            return new FitSource(bytes, null, ex.Message);
        }
    }
}

/// <summary>Everything Garmin delivered for a set of runs, read in two queries.</summary>
public sealed class RunSources
{
    private readonly Dictionary<string, GarminActivitySummary> _summaries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GarminActivityDetail> _details = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FitSource> _files = new(StringComparer.Ordinal);

    public static async Task<RunSources> LoadAsync(
        CoopahDbContext db, string runnerId, IReadOnlyCollection<string> keys, CancellationToken cancellationToken, RunSources? into = null)
    {
        var sources = into ?? new RunSources();
        if (keys.Count == 0)
        {
            return sources;
        }

        var summaryIds = keys.SelectMany(k => new[] { k, k + "-detail", k + "-file" }).ToList();
        var activities = await db.GarminActivities.AsNoTracking()
            .Where(a => a.UserId == runnerId && ((a.ActivityId != null && keys.Contains(a.ActivityId)) || summaryIds.Contains(a.SummaryId)))
            .Select(a => new { a.SummaryType, a.SummaryId, a.ActivityId, a.ItemJson, a.SourceInboxId })
            .ToListAsync(cancellationToken);

        // The plain summary (latest delivery first) carries Garmin's edits; the details' own summary fills in until it arrives.
        foreach (var a in activities.OrderBy(a => a.SummaryType == GarminNotificationKeys.ActivityDetails ? 1 : 0).ThenByDescending(a => a.SourceInboxId))
        {
            var key = RunKeys.For(a.ActivityId, a.SummaryId);
            if (a.SummaryType == GarminNotificationKeys.ActivityDetails)
            {
                var detail = JsonSerializer.Deserialize(a.ItemJson, GarminPushJsonContext.Default.GarminActivityDetail);
                if (detail is not null)
                {
                    sources._details.TryAdd(key, detail);
                    if (detail.Summary is { } inner)
                    {
                        sources._summaries.TryAdd(key, inner);
                    }
                }
            }
            else if (JsonSerializer.Deserialize(a.ItemJson, GarminPushJsonContext.Default.GarminActivitySummary) is { } summary)
            {
                sources._summaries.TryAdd(key, summary);
            }
        }

        var files = await db.GarminFiles.AsNoTracking()
            .Where(f => f.UserId == runnerId && f.FileType == "FIT" && ((f.ActivityId != null && keys.Contains(f.ActivityId)) || summaryIds.Contains(f.SummaryId)))
            .OrderByDescending(f => f.Id)
            .Select(f => new { f.SummaryId, f.ActivityId, f.Content })
            .ToListAsync(cancellationToken);
        foreach (var f in files)
        {
            var key = RunKeys.For(f.ActivityId, f.SummaryId);
            if (!sources._files.ContainsKey(key))
            {
                sources._files[key] = FitSource.Decode(f.Content);
            }
        }

        return sources;
    }

    public GarminActivitySummary? SummaryFor(string key) => _summaries.GetValueOrDefault(key);

    public GarminActivityDetail? Details(string key) => _details.GetValueOrDefault(key);

    public FitSource Fit(string key) => _files.GetValueOrDefault(key) ?? FitSource.None;
}
