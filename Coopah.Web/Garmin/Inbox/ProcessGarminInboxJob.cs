using Coopah.Core.Garmin.Push;
using Coopah.Web.Cluster;
using Coopah.Web.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coopah.Web.Garmin.Inbox;

/// <summary>
/// Processes inbox rows. Idempotent: only Pending rows whose lease is free are claimed (one statement, so two
/// jobs never claim the same row), a processed row is left alone, and failures are retried with backoff until
/// the row is parked as poison for an admin.
/// <para>
/// A burst arrives as jobs of many rows. Their pushes are applied in one transaction that also marks the rows
/// processed; if that fails for any reason, every row is processed again on its own so one bad row cannot hold
/// back its neighbours. Pings (which download from Garmin) and deregistrations (checked with Garmin before a
/// link is revoked) always go row by row, so no network call runs inside a transaction or a write turn.
/// </para>
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed partial class ProcessGarminInboxJob(
    IDbContextFactory<CoopahDbContext> dbFactory,
    IGarminInboxStore store,
    ClusterMembership membership,
    GarminNotificationIngestor ingestor,
    IBackgroundJobClient jobs,
    DatabaseWriteGate writeGate,
    IOptions<GarminWebhookOptions> options,
    TimeProvider time,
    ILogger<ProcessGarminInboxJob> logger)
{
    /// <summary>Rows per job at most: a claim statement's parameters and one transaction's size stay modest.</summary>
    public const int MaxRowsPerJob = 256;

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    public async Task RunAsync(long[] inboxIds, CancellationToken cancellationToken)
    {
        if (inboxIds.Length > MaxRowsPerJob)
        {
            throw new ArgumentException($"A job takes at most {MaxRowsPerJob} rows, not {inboxIds.Length}.", nameof(inboxIds));
        }

        var claimed = await ClaimAsync(inboxIds, cancellationToken);
        if (claimed.Count == 0)
        {
            return;
        }

        var remaining = claimed.Select(row => row.Id).ToList();
        if (claimed.Count > 1)
        {
            remaining = await ProcessPushesTogetherAsync(claimed, cancellationToken);
        }

        foreach (var id in remaining)
        {
            await ProcessOneAsync(id, cancellationToken);
        }
    }

    /// <summary>
    /// Takes the lease on every listed row that is Pending and not leased, counting an attempt (see
    /// <see cref="IGarminInboxStore.ClaimAsync"/>), in inbox order; for a batch, bodies too.
    /// </summary>
    private async Task<List<GarminInboxMessage>> ClaimAsync(long[] inboxIds, CancellationToken cancellationToken)
    {
        if (inboxIds.Length == 0)
        {
            return [];
        }

        var now = time.GetUtcNow().UtcDateTime;
        List<GarminInboxMessage> claimed;
        using (await writeGate.EnterAsync(urgent: false))
        {
            claimed = await store.ClaimAsync(inboxIds, new InboxLease(now, now + Lease, membership.InstanceId), cancellationToken);
        }

        if (claimed.Count > 1)
        {
            // Bodies are read outside the write turn, from their own table.
            var bodies = await store.ReadBodiesAsync(claimed.ConvertAll(m => m.Id), cancellationToken);
            foreach (var message in claimed)
            {
                message.Body = bodies[message.Id];
            }
        }

        claimed.Sort((a, b) => a.Id.CompareTo(b.Id));
        return claimed;
    }

    /// <returns>
    /// The rows still to process one by one, in inbox order: pings, a deregistration and the rows after it, or all
    /// of them if the shared transaction failed.
    /// </returns>
    private async Task<List<long>> ProcessPushesTogetherAsync(List<GarminInboxMessage> claimed, CancellationToken cancellationToken)
    {
        var all = claimed.Select(m => m.Id).ToList();
        // A deregistration changes what the rows after it may do (a revoked link's activities are ignored), so
        // only the rows before the first one are applied together; it and everything after go one by one, in order.
        var firstDeregistration = claimed.FindIndex(IsDeregistration);
        var before = firstDeregistration < 0 ? claimed : claimed[..firstDeregistration];
        var pushes = before.Where(m => !m.IsPing).ToList();
        var rest = claimed.Where(m => !pushes.Contains(m)).Select(m => m.Id).ToList();
        if (pushes.Count < 2)
        {
            return all;
        }

        try
        {
            await ApplyTogetherAsync(pushes, cancellationToken);
            return rest;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogBatchFallback(pushes.Count, ex);
            return all;
        }
    }

    /// <summary>The effects of every push and the rows' status commit together; the write lock is held only for the writes.</summary>
    private async Task ApplyTogetherAsync(List<GarminInboxMessage> pushes, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var batch = await ingestor.ApplyPushesAsync(db, pushes, cancellationToken);
        var processedAt = time.GetUtcNow().UtcDateTime;
        using (await writeGate.EnterAsync(urgent: false))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            await ReplaceParkedItemsAsync(db, pushes.Select((row, i) => (row.Id, batch.Outcomes[i].Rejected)), processedAt);
            await db.SaveChangesAsync(CancellationToken.None);
            await GarminActivityUpsert.ExecuteAsync(db, batch.Activities, CancellationToken.None);
            foreach (var group in pushes.Select((row, i) => (row.Id, batch.Outcomes[i].Ignored)).GroupBy(r => r.Ignored))
            {
                var ids = group.Select(r => r.Id).ToList();
                var ignored = group.Key;
                await db.GarminInbox
                    .Where(m => ids.Contains(m.Id))
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.Status, InboxStatus.Processed)
                        .SetProperty(m => m.ProcessedAtUtc, processedAt)
                        .SetProperty(m => m.IgnoredItemCount, ignored)
                        .SetProperty(m => m.PullCount, 0)
                        .SetProperty(m => m.Warnings, (string?)null)
                        .SetProperty(m => m.LastError, (string?)null)
                        .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null)
                        .SetProperty(m => m.LeaseOwner, (string?)null), CancellationToken.None);
            }

            await transaction.CommitAsync(CancellationToken.None);
        }

        ingestor.KickSync(batch.RunnersToKick);
        ingestor.KickMatching(batch.RunnersToMatch);
    }

    /// <summary>One claimed row on its own, with its own outcome: processed, retried later, or poison.</summary>
    private async Task ProcessOneAsync(long inboxId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var message = await db.GarminInbox.SingleAsync(m => m.Id == inboxId, cancellationToken);
        if (message.Status != InboxStatus.Pending)
        {
            return;
        }

        IngestOutcome? processed = null;
        try
        {
            processed = await ingestor.IngestAsync(message.Body, message.Id, cancellationToken);
            MarkProcessed(message, processed, time.GetUtcNow().UtcDateTime);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            message.LastError = Truncate($"{ex.GetType().Name}: {ex.Message}", 2000);
            if (message.Attempts >= options.Value.MaxProcessingAttempts)
            {
                message.Status = InboxStatus.Poison;
                LogPoisoned(inboxId, message.Attempts, ex);
            }
            else
            {
                var delay = options.Value.RetryBaseDelay * Math.Pow(3, message.Attempts - 1);
                var retry = new[] { inboxId };
                jobs.Schedule<ProcessGarminInboxJob>(job => job.RunAsync(retry, CancellationToken.None), delay);
                LogRetry(inboxId, message.Attempts, delay, ex);
            }
        }

        message.LeaseUntilUtc = null;
        message.LeaseOwner = null;
        using var turn = await writeGate.EnterAsync(urgent: false);
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        if (processed is not null)
        {
            await ReplaceParkedItemsAsync(db, [(message.Id, processed.Rejected)], message.ProcessedAtUtc!.Value);
        }

        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }

    /// <summary>
    /// A row's parked items are those of its latest processing (a reprocessed row parks its bad items again), so
    /// they are replaced in the transaction that marks the row processed, never added to.
    /// </summary>
    private async Task ReplaceParkedItemsAsync(CoopahDbContext db, IEnumerable<(long InboxId, IReadOnlyList<GarminRejectedItem> Rejected)> rows, DateTime now)
    {
        var list = rows.ToList();
        var ids = list.Select(r => r.InboxId).ToList();
        foreach (var (inboxId, rejected) in list.Where(r => r.Rejected.Count > 0))
        {
            LogParked(inboxId, rejected.Count, rejected[0].Reason);
        }

        await db.GarminParkedItems.Where(p => ids.Contains(p.InboxId)).ExecuteDeleteAsync(CancellationToken.None);
        db.GarminParkedItems.AddRange(list.SelectMany(r => r.Rejected.Select(item => GarminParkedItem.Park(r.InboxId, item, now))));
    }

    private static bool IsDeregistration(GarminInboxMessage message) =>
        string.Equals(message.Type, GarminNotificationKeys.Deregistrations, StringComparison.Ordinal);

    private static void MarkProcessed(GarminInboxMessage message, IngestOutcome outcome, DateTime processedAt)
    {
        message.Status = InboxStatus.Processed;
        message.ProcessedAtUtc = processedAt;
        message.IgnoredItemCount = outcome.Ignored;
        message.PullCount = outcome.Pulls;
        message.Warnings = outcome.Warnings.Count == 0 ? null : Truncate(string.Join(Environment.NewLine, outcome.Warnings), 2000);
        message.LastError = null;
        message.LeaseUntilUtc = null;
        message.LeaseOwner = null;
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    [LoggerMessage(Level = LogLevel.Error, Message = "Inbox row {InboxId} parked as poison after {Attempts} attempts")]
    private partial void LogPoisoned(long inboxId, int attempts, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox row {InboxId} failed (attempt {Attempts}); retrying in {Delay}")]
    private partial void LogRetry(long inboxId, int attempts, TimeSpan delay, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox row {InboxId}: {Count} item(s) parked, the rest applied; first reason: {Reason}")]
    private partial void LogParked(long inboxId, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} inbox rows could not be applied together; processing them one by one")]
    private partial void LogBatchFallback(int count, Exception exception);
}
