using System.Text.Json;
using Coopah.Core.Garmin;
using Coopah.Core.Garmin.Push;
using Coopah.Web.Data;
using Coopah.Web.Garmin.Sync;
using Coopah.Web.Matching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coopah.Web.Garmin.Inbox;

public sealed record IngestOutcome(int Applied, int Ignored, int Pulls, IReadOnlyList<string> Warnings)
{
    /// <summary>Items that break a rule: parked with their reason while the others are applied.</summary>
    public IReadOnlyList<GarminRejectedItem> Rejected { get; init; } = [];

    public static IngestOutcome Skipped(string? warning = null) => new(0, 1, 0, warning is null ? [] : [warning]);

    public static IngestOutcome Parked(GarminRejectedItem item) => new(0, 0, 0, []) { Rejected = [item] };
}

/// <summary>
/// Applies one notification body to the database: activity upserts (latest delivery wins), file downloads for
/// pings, deregistrations (checked with Garmin first) and permission changes. Safe to run twice for the same body.
/// The Garmin API pieces are built only when an item needs a call: building them validates the Garmin options, and
/// pushes must still be processed on a host whose Garmin client is not configured yet.
/// </summary>
public sealed partial class GarminNotificationIngestor(
    IDbContextFactory<CoopahDbContext> dbFactory,
    MatchingKicker matching,
    GarminSyncKicker sync,
    Lazy<GarminLinkTokens> tokens,
    Lazy<GarminUserClient> users,
    Lazy<CallbackUrlPolicy> callbackPolicy,
    Lazy<GarminCallbackClient> callbacks,
    IOptions<GarminWebhookOptions> options,
    TimeProvider time,
    ILogger<GarminNotificationIngestor> logger)
{
    public async Task<IngestOutcome> IngestAsync(ReadOnlyMemory<byte> body, long inboxId, CancellationToken cancellationToken)
    {
        var batch = GarminNotificationParser.Parse(body.Span);
        var applied = 0;
        var ignored = 0;
        var pulls = 0;
        var warnings = new List<string>();
        var rejected = new List<GarminRejectedItem>(batch.Rejected);
        foreach (var item in batch.Items)
        {
            var outcome = item.IsPing
                ? await PullAsync(item, inboxId, cancellationToken)
                : await ApplyPushAsync(item, inboxId, cancellationToken);
            pulls += outcome.Pulls;
            applied += outcome.Applied;
            ignored += outcome.Ignored;
            warnings.AddRange(outcome.Warnings);
            rejected.AddRange(outcome.Rejected);
        }

        return new IngestOutcome(applied, ignored, pulls, warnings) { Rejected = rejected };
    }

    /// <summary>
    /// Applies the push bodies of many inbox rows in <paramref name="db"/>, in inbox order, without saving: the
    /// caller commits the link changes (tracked), the activities (<see cref="GarminActivityUpsert"/>) and the
    /// rows' status in one transaction, so a burst costs one transaction instead of several per row. Links are
    /// read in one query. Pings and deregistrations need a call to Garmin, which must not run inside the caller's
    /// transaction: they are refused. Throws on anything unexpected; the caller then falls back to
    /// <see cref="IngestAsync"/> row by row, which isolates the bad row.
    /// </summary>
    public async Task<PushBatch> ApplyPushesAsync(CoopahDbContext db, IReadOnlyList<GarminInboxMessage> rows, CancellationToken cancellationToken)
    {
        var parsed = rows.Select(row => (Row: row, Batch: GarminNotificationParser.Parse(row.Body))).ToList();
        foreach (var (row, batch) in parsed)
        {
            var items = batch.Items;
            if (items.Any(i => i.IsPing))
            {
                throw new InvalidOperationException($"Inbox row {row.Id} holds a ping; pings are fetched row by row.");
            }

            if (items.Any(i => i.Type == GarminNotificationType.Deregistrations))
            {
                throw new InvalidOperationException($"Inbox row {row.Id} holds a deregistration; deregistrations are checked with Garmin row by row.");
            }
        }

        var scope = new ApplyScope(db);
        await scope.LoadAsync(parsed.SelectMany(p => p.Batch.Items), cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var outcomes = new List<IngestOutcome>(parsed.Count);
        foreach (var (row, batch) in parsed)
        {
            var applied = 0;
            var ignored = 0;
            var rejected = new List<GarminRejectedItem>(batch.Rejected);
            foreach (var item in batch.Items)
            {
                switch (TryApply(scope, item, row.Id, now, out var problem))
                {
                    case true:
                        applied++;
                        break;
                    case false when problem is null:
                        ignored++;
                        break;
                    default:
                        rejected.Add(problem!);
                        break;
                }
            }

            outcomes.Add(new IngestOutcome(applied, ignored, 0, []) { Rejected = rejected });
        }

        return new PushBatch(outcomes, scope.Activities, scope.RunnersToKick, scope.RunnersToMatch);
    }

    /// <summary>Starts matching for runners whose runs changed, once the deliveries are committed.</summary>
    public void KickMatching(IEnumerable<string> runnerIds)
    {
        foreach (var runnerId in runnerIds)
        {
            matching.Kick(runnerId);
        }
    }

    /// <summary>Starts the sync of runners whose link changed, once their change is committed.</summary>
    public void KickSync(IEnumerable<string> runnerIds)
    {
        foreach (var runnerId in runnerIds)
        {
            sync.Kick(runnerId);
        }
    }

    /// <summary>One pushed item on its own: a deregistration is checked with Garmin first.</summary>
    private async Task<IngestOutcome> ApplyPushAsync(GarminNotificationItem item, long inboxId, CancellationToken cancellationToken)
    {
        if (item.Type == GarminNotificationType.Deregistrations)
        {
            return await DeregisterAsync(item, cancellationToken);
        }

        return await ApplyOneAsync(item, inboxId, cancellationToken);
    }

    private async Task<IngestOutcome> ApplyOneAsync(GarminNotificationItem item, long inboxId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var scope = new ApplyScope(db);
        await scope.LoadAsync([item], cancellationToken);
        if (!TryApply(scope, item, inboxId, time.GetUtcNow().UtcDateTime, out var problem))
        {
            return problem is null ? IngestOutcome.Skipped() : IngestOutcome.Parked(problem);
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            await GarminActivityUpsert.ExecuteAsync(db, scope.Activities, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        KickSync(scope.RunnersToKick);
        KickMatching(scope.RunnersToMatch);
        return new IngestOutcome(1, 0, 0, []);
    }

    /// <summary>
    /// <see cref="Apply"/>, with an item that cannot be mapped (a gap in the rules) parked alone in
    /// <paramref name="problem"/>: mapping is pure, so retrying the row could never help it.
    /// </summary>
    private static bool TryApply(ApplyScope scope, GarminNotificationItem item, long inboxId, DateTime now, out GarminRejectedItem? problem)
    {
        problem = null;
        try
        {
            return Apply(scope, item, inboxId, now);
        }
        catch (Exception ex) when (ex is ArgumentException or OverflowException or FormatException or InvalidCastException or GarminPayloadException)
        {
            problem = GarminNotificationParser.Reject(item, $"item {item.Index} of '{GarminNotificationKeys.For(item.Type)}' cannot be stored: {ex.Message}");
            return false;
        }
    }

    /// <summary>One item against the loaded links and activities; false when it is ignored.</summary>
    private static bool Apply(ApplyScope scope, GarminNotificationItem item, long inboxId, DateTime now)
    {
        var link = scope.Link(item.UserId);
        if (link is not { Status: GarminLinkStatus.Active })
        {
            // Unknown or revoked: acknowledged (so Garmin stops retrying) but not processed.
            return false;
        }

        switch (item.Payload)
        {
            case GarminActivityDetail detail when item.Type == GarminNotificationType.ActivityDetails:
                UpsertActivity(scope, link, item, detail.Summary ?? new GarminActivitySummary(), detail.ActivityId,
                    () => JsonSerializer.Serialize(detail, GarminPushJsonContext.Default.GarminActivityDetail), detail.Samples.Count, detail.Laps.Count, inboxId, now);
                return true;
            case GarminActivitySummary summary when item.Type is GarminNotificationType.Activities or GarminNotificationType.ManuallyUpdatedActivities:
                UpsertActivity(scope, link, item, summary, summary.ActivityId,
                    () => JsonSerializer.Serialize(summary, GarminPushJsonContext.Default.GarminActivitySummary), 0, 0, inboxId, now);
                return true;
            case GarminUserPermissionsChange change:
                link.Permissions = string.Join(' ', change.Permissions.Distinct(StringComparer.Ordinal));
                // Losing WORKOUT_IMPORT marks the sessions; regaining it pushes them again.
                GarminSyncOutbox.AddRunnerIntent(scope.Db, link.UserId, GarminSyncIntentKind.Reconcile, now);
                scope.RunnersToKick.Add(link.UserId);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Garmin can deliver the deregistration of an old grant after the runner reconnected the same Garmin user
    /// (spec section 4), so the link is revoked only when its current token no longer resolves to that user.
    /// Garmin is asked before any write; a transient failure throws, so the inbox row is retried with backoff.
    /// </summary>
    private async Task<IngestOutcome> DeregisterAsync(GarminNotificationItem item, CancellationToken cancellationToken)
    {
        GarminLink? seen;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            seen = await db.GarminLinks.AsNoTracking().FirstOrDefaultAsync(l => l.GarminUserId == item.UserId, cancellationToken);
        }

        if (seen is not { Status: GarminLinkStatus.Active })
        {
            return IngestOutcome.Skipped();
        }

        if (await CurrentTokenIsUserAsync(seen.Id, item.UserId, cancellationToken))
        {
            LogOldGrant(item.UserId, seen.UserId);
            return IngestOutcome.Skipped(OldGrantWarning(item.UserId));
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var link = await db.GarminLinks.SingleOrDefaultAsync(l => l.Id == seen.Id, cancellationToken);
            if (link is null || link.Status == GarminLinkStatus.Revoked)
            {
                return IngestOutcome.Skipped();
            }

            if (link.LinkedAtUtc != seen.LinkedAtUtc)
            {
                // Reconnected while we asked Garmin: the deregistration was for the grant that just got replaced.
                LogOldGrant(item.UserId, link.UserId);
                return IngestOutcome.Skipped(OldGrantWarning(item.UserId));
            }

            // Broken is revoked too: our own refresh may have just found the grant gone.
            link.Revoke("Garmin sent a deregistration: the runner removed Coopah in Garmin Connect.", now);
            // Garmin drops the user's workouts from us with the registration: the job only forgets them.
            GarminSyncOutbox.AddRunnerIntent(db, link.UserId, GarminSyncIntentKind.Unlink, now);
            await db.SaveChangesAsync(cancellationToken);
        }

        KickSync([seen.UserId]);
        return new IngestOutcome(1, 0, 0, []);
    }

    /// <summary>Whether Garmin's user/id, called with the link's current token, still answers <paramref name="garminUserId"/>.</summary>
    private async Task<bool> CurrentTokenIsUserAsync(int linkId, string garminUserId, CancellationToken cancellationToken)
    {
        try
        {
            var credentials = await tokens.Value.GetCredentialsAsync(linkId, cancellationToken);
            var current = await users.Value.GetUserIdAsync(credentials, cancellationToken);
            return string.Equals(current, garminUserId, StringComparison.Ordinal);
        }
        catch (GarminLinkUnavailableException)
        {
            // No usable token: no newer grant can be in use.
            return false;
        }
        catch (GarminApiException ex) when (ex.IsAuthBroken)
        {
            // 401/403, or a refused refresh: the grant is gone, as the deregistration says.
            return false;
        }
    }

    private static string OldGrantWarning(string garminUserId) =>
        $"Deregistration for Garmin user {garminUserId} ignored: the link's current token still resolves to that user, so it concerned an older grant.";

    private static void UpsertActivity(
        ApplyScope scope, GarminLink link, GarminNotificationItem item, GarminActivitySummary summary, string? activityId,
        Func<string> itemJson, int samples, int laps, long inboxId, DateTime now)
    {
        var type = GarminNotificationKeys.For(item.Type);
        var summaryId = item.SummaryId ?? throw new GarminPayloadException($"An item of '{type}' has no summaryId.");

        // Only a delivery from a later inbox row replaces a stored one; the upsert statement decides that. Every
        // value is computed (checked arithmetic) before the row joins the scope, so a failure leaves nothing half-set.
        var activity = new GarminActivity
        {
            UserId = link.UserId,
            GarminUserId = link.GarminUserId,
            SummaryType = type,
            SummaryId = summaryId,
            ItemJson = "",
            ActivityId = activityId ?? summary.ActivityId,
            ActivityType = summary.ActivityType,
            Name = summary.ActivityName,
            StartTimeUtc = summary.StartTimeInSeconds is { } start ? DateTime.UnixEpoch.AddSeconds(start) : null,
            StartTimeOffsetSeconds = checked((int)(summary.StartTimeOffsetInSeconds ?? 0)),
            LocalDate = GarminActivityTime.LocalDate(summary),
            DurationSeconds = summary.DurationInSeconds is { } duration ? checked((int)duration) : null,
            DistanceMetres = summary.DistanceInMeters,
            AverageSpeedMetresPerSecond = summary.AverageSpeedInMetersPerSecond,
            AverageHeartRate = summary.AverageHeartRateInBeatsPerMinute is { } hr ? checked((int)Math.Round(hr)) : null,
            MaxHeartRate = summary.MaxHeartRateInBeatsPerMinute is { } max ? checked((int)Math.Round(max)) : null,
            DeviceName = summary.DeviceName,
        };
        scope.Add(activity, itemJson);
        activity.Manual = summary.Manual ?? item.Type == GarminNotificationType.ManuallyUpdatedActivities;
        activity.SampleCount = samples;
        activity.LapCount = laps;
        activity.SourceInboxId = inboxId;
        activity.UpdatedAtUtc = now;
        activity.NeedsMatching = true;
        scope.RunnersToMatch.Add(link.UserId);
        link.LastActivityReceivedAtUtc = now;
    }

    /// <summary>A ping only tells us where to fetch; fetch only allowed Garmin URLs, once per file.</summary>
    private async Task<IngestOutcome> PullAsync(GarminNotificationItem item, long inboxId, CancellationToken cancellationToken)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var link = await db.GarminLinks.AsNoTracking().FirstOrDefaultAsync(l => l.GarminUserId == item.UserId, cancellationToken);
            if (link is not { Status: GarminLinkStatus.Active })
            {
                return IngestOutcome.Skipped();
            }

            if (item.Type == GarminNotificationType.ActivityFiles
                && item.SummaryId is { } fileSummaryId
                && await db.GarminFiles.AnyAsync(f => f.SummaryId == fileSummaryId, cancellationToken))
            {
                return new IngestOutcome(0, 0, 0, []);
            }
        }

        var decision = callbackPolicy.Value.Evaluate(item.CallbackUrl);
        if (!decision.IsAllowed)
        {
            // Pushes are unsigned: a forged ping must never make us fetch someone else's URL.
            LogRefusedCallback(item.SummaryId ?? item.UserId, decision.Reason);
            return IngestOutcome.Skipped($"Refused callback URL for {item.SummaryId ?? item.UserId}: {decision.Reason}");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.CallbackDownloadTimeout);
        using var content = new MemoryStream();
        try
        {
            await callbacks.Value.DownloadCallbackAsync(item.CallbackUrl!, content, credentials: null, timeout.Token);
        }
        catch (GarminPayloadException ex)
        {
            // Over the size cap: retrying would download the same oversized body again.
            return IngestOutcome.Skipped($"{item.SummaryId ?? item.UserId}: {ex.Message}");
        }
        catch (GarminApiException ex) when (ex.IsGone)
        {
            // Garmin serves a file URL once; a 410 for one we do not hold means it is gone for good.
            LogGone(item.SummaryId ?? item.UserId);
            return IngestOutcome.Skipped($"{item.SummaryId ?? item.UserId}: Garmin answered 410 Gone and we hold no copy.");
        }

        if (item.Type != GarminNotificationType.ActivityFiles)
        {
            // The callback returns the same body a push would have carried.
            return await IngestPushOnlyAsync(content.ToArray(), inboxId, cancellationToken);
        }

        var file = (Core.Garmin.Push.GarminActivityFile)item.Payload;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var link = await db.GarminLinks.FirstAsync(l => l.GarminUserId == item.UserId, cancellationToken);
            db.GarminFiles.Add(new GarminFile
            {
                UserId = link.UserId,
                GarminUserId = link.GarminUserId,
                SummaryId = item.SummaryId ?? throw new GarminPayloadException("An activityFiles item has no summaryId."),
                ActivityId = file.ActivityId,
                FileType = file.FileType ?? "FIT",
                StartTimeUtc = file.StartTimeInSeconds is { } start ? DateTime.UnixEpoch.AddSeconds(start) : null,
                Content = content.ToArray(),
                DownloadedAtUtc = time.GetUtcNow().UtcDateTime,
                NeedsMatching = true,
            });
            link.LastActivityReceivedAtUtc = time.GetUtcNow().UtcDateTime;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // A concurrent delivery stored the same file first: one copy is all we want.
            }

            KickMatching([link.UserId]);
        }

        return new IngestOutcome(1, 0, 1, []);
    }

    private async Task<IngestOutcome> IngestPushOnlyAsync(byte[] body, long inboxId, CancellationToken cancellationToken)
    {
        var batch = GarminNotificationParser.Parse(body);
        var applied = 0;
        var ignored = 0;
        var warnings = new List<string>();
        // Items of a fetched body are numbered within that body: the reason says where they came from.
        var rejected = batch.Rejected.Select(r => r with { Reason = "fetched for a ping: " + r.Reason }).ToList();
        foreach (var item in batch.Items)
        {
            // A callback must return data, not another ping: never follow a chain of URLs.
            if (item.IsPing)
            {
                ignored++;
                continue;
            }

            var pushed = await ApplyPushAsync(item, inboxId, cancellationToken);
            applied += pushed.Applied;
            ignored += pushed.Ignored;
            warnings.AddRange(pushed.Warnings);
            rejected.AddRange(pushed.Rejected.Select(r => r with { Reason = "fetched for a ping: " + r.Reason }));
        }

        return new IngestOutcome(applied, ignored, 1, warnings) { Rejected = rejected };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused the callback URL of {SummaryId}: {Reason}")]
    private partial void LogRefusedCallback(string summaryId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback for {SummaryId} answered 410 Gone and we hold no copy")]
    private partial void LogGone(string summaryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deregistration for Garmin user {GarminUserId} of {UserId} ignored: the current token still resolves to that user (an older grant)")]
    private partial void LogOldGrant(string garminUserId, string userId);

    /// <summary>The links a set of items touches (read up front, tracked) and the activity rows they produce.</summary>
    private sealed class ApplyScope(CoopahDbContext db)
    {
        private readonly Dictionary<string, GarminLink> _links = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Type, string SummaryId), (GarminActivity Activity, Func<string> ItemJson)> _activities = [];

        public CoopahDbContext Db { get; } = db;

        public HashSet<string> RunnersToKick { get; } = new(StringComparer.Ordinal);

        public HashSet<string> RunnersToMatch { get; } = new(StringComparer.Ordinal);

        public async Task LoadAsync(IEnumerable<GarminNotificationItem> items, CancellationToken cancellationToken)
        {
            var list = items as IReadOnlyCollection<GarminNotificationItem> ?? items.ToList();
            var userIds = list.Select(i => i.UserId).Distinct(StringComparer.Ordinal).ToList();
            foreach (var link in await Db.GarminLinks.Where(l => userIds.Contains(l.GarminUserId)).ToListAsync(cancellationToken))
            {
                _links[link.GarminUserId] = link;
            }
        }

        public GarminLink? Link(string garminUserId) => _links.GetValueOrDefault(garminUserId);

        /// <summary>
        /// Activity rows to upsert: of several deliveries of one summary, only the latest - serialized only now, so
        /// a re-sent summary (or a megabyte of activity details) is not turned into JSON for nothing.
        /// </summary>
        public IReadOnlyList<GarminActivity> Activities => [.. _activities.Values.Select(pending =>
        {
            pending.Activity.ItemJson = pending.ItemJson();
            return pending.Activity;
        })];

        public void Add(GarminActivity activity, Func<string> itemJson) =>
            _activities[(activity.SummaryType, activity.SummaryId)] = (activity, itemJson);
    }
}

/// <summary>What <see cref="GarminNotificationIngestor.ApplyPushesAsync"/> did: one outcome per row, in order.</summary>
public sealed record PushBatch(
    IReadOnlyList<IngestOutcome> Outcomes, IReadOnlyList<GarminActivity> Activities, IReadOnlyCollection<string> RunnersToKick, IReadOnlyCollection<string> RunnersToMatch);
