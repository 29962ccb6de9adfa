using Coopah.Core.Garmin.Push;
using Coopah.Web.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Coopah.Web.Garmin.Inbox;

public sealed record EndpointStats(string Type, int Received, int DistinctUsers, int Errors, int IgnoredItems, DateTime? LastPayloadUtc);

public sealed record ChecklistItem(string Requirement, bool Passed, string Reason);

/// <summary>The webhook dashboard's figures.</summary>
/// <param name="Endpoints">Traffic per endpoint in the last 24 h.</param>
/// <param name="Checklist">Garmin's production verification, green or red with the reason.</param>
/// <param name="PoisonRows">Rows parked after repeated failures.</param>
/// <param name="PendingRows">Rows waiting for processing.</param>
/// <param name="ParkedItems">Items of the last 24 h that broke a rule and were parked while their neighbours were applied.</param>
public sealed record IntegrationReport(IReadOnlyList<EndpointStats> Endpoints, IReadOnlyList<ChecklistItem> Checklist, int PoisonRows, int PendingRows, int ParkedItems);

/// <summary>
/// Webhook traffic of the last 24 hours measured against Garmin's production verification: what their
/// reviewers check is what the admin sees, green or red with the reason.
/// </summary>
public sealed class IntegrationHealth(IDbContextFactory<CoopahDbContext> dbFactory, IBackgroundJobClient jobs, TimeProvider time)
{
    public static IReadOnlyList<string> Types => GarminNotificationKeys.All;

    public async Task<IntegrationReport> GetReportAsync(CancellationToken cancellationToken = default)
    {
        var since = time.GetUtcNow().UtcDateTime.AddHours(-24);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var recent = await db.GarminInbox.AsNoTracking()
            .Where(m => m.ReceivedAtUtc >= since)
            .Select(m => new { m.Type, m.GarminUserIds, m.Status, m.LastError, m.IgnoredItemCount, m.ReceivedAtUtc, m.IsPing, m.PullCount })
            .ToListAsync(cancellationToken);
        var lastByType = await db.GarminInbox.AsNoTracking()
            .GroupBy(m => m.Type)
            .Select(g => new { Type = g.Key, Last = g.Max(m => m.ReceivedAtUtc) })
            .ToDictionaryAsync(x => x.Type, x => (DateTime?)x.Last, cancellationToken);
        var poison = await db.GarminInbox.CountAsync(m => m.Status == InboxStatus.Poison, cancellationToken);
        var pending = await db.GarminInbox.CountAsync(m => m.Status == InboxStatus.Pending, cancellationToken);
        var parked = await db.GarminParkedItems.CountAsync(p => p.ParkedAtUtc >= since, cancellationToken);

        var endpoints = Types.Select(type =>
        {
            var rows = recent.Where(r => r.Type == type).ToList();
            var users = rows.SelectMany(r => r.GarminUserIds.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).Count();
            var errors = rows.Count(r => r.Status == InboxStatus.Poison || r.LastError is not null);
            return new EndpointStats(type, rows.Count, users, errors, rows.Sum(r => r.IgnoredItemCount), lastByType.GetValueOrDefault(type));
        }).ToList();

        var active = endpoints.Where(e => e.Received > 0).ToList();
        var unprompted = recent.Where(r => !r.IsPing).Sum(r => r.PullCount);
        var checklist = new List<ChecklistItem>
        {
            new("At least 3 endpoints receive data",
                active.Count >= 3,
                $"{active.Count} endpoint(s) received notifications in the last 24 h" + (active.Count > 0 ? $": {string.Join(", ", active.Select(e => e.Type))}." : ".")),
            new("Deregistration and user-permission endpoints are wired",
                lastByType.ContainsKey(GarminNotificationKeys.Deregistrations) && lastByType.ContainsKey(GarminNotificationKeys.UserPermissionsChange),
                Missing(lastByType, GarminNotificationKeys.Deregistrations, GarminNotificationKeys.UserPermissionsChange)),
            new("Data from at least 2 users in the last 24 h on each endpoint",
                active.Count > 0 && active.All(e => e.DistinctUsers >= 2),
                active.Count == 0
                    ? "No endpoint received data in the last 24 h."
                    : string.Join("; ", active.Select(e => $"{e.Type}: {e.DistinctUsers} user(s)"))),
            new("No notification errors",
                parked == 0 && recent.All(r => r.Status != InboxStatus.Poison && r.LastError is null),
                recent.Count(r => r.Status == InboxStatus.Poison || r.LastError is not null) is var failed && failed + parked > 0
                    ? $"{failed} notification(s) failed and {parked} item(s) were parked in the last 24 h."
                    : "Every notification of the last 24 h was processed."),
            new("No pulls that were not prompted by a ping",
                unprompted == 0,
                unprompted == 0
                    ? $"{recent.Sum(r => r.PullCount)} pull(s), all answering a ping."
                    : $"{unprompted} pull(s) were made for pushes."),
        };

        return new IntegrationReport(endpoints, checklist, poison, pending, parked);
    }

    /// <summary>Puts a row back in the queue with a fresh attempt budget (the admin's reprocess button).</summary>
    public async Task<bool> ReprocessAsync(long inboxId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var reset = await db.GarminInbox
            .Where(m => m.Id == inboxId && m.Status != InboxStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, InboxStatus.Pending)
                .SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null)
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LastError, (string?)null), cancellationToken);
        if (reset == 0)
        {
            return false;
        }

        var ids = new[] { inboxId };
        jobs.Enqueue<ProcessGarminInboxJob>(job => job.RunAsync(ids, CancellationToken.None));
        return true;
    }

    private static string Missing(Dictionary<string, DateTime?> seen, params string[] types)
    {
        var missing = types.Where(t => !seen.ContainsKey(t)).ToList();
        return missing.Count == 0 ? "Both have received notifications." : $"Never received: {string.Join(", ", missing)}.";
    }
}
