using Coopah.Web.Data;
using Coopah.Web.Garmin.Webhooks;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coopah.Web.Jobs;

/// <summary>
/// Processes one inbox row. Idempotent: a processed row is left alone, a lease keeps duplicate jobs apart, and
/// failures are retried with backoff until the row is parked as poison for an admin.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed partial class ProcessGarminInboxJob(
    IDbContextFactory<CoopahDbContext> dbFactory,
    GarminNotificationIngestor ingestor,
    IBackgroundJobClient jobs,
    IOptions<GarminWebhookOptions> options,
    TimeProvider time,
    ILogger<ProcessGarminInboxJob> logger)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    public async Task RunAsync(long inboxId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var claimed = await db.GarminInbox
            .Where(m => m.Id == inboxId && m.Status == InboxStatus.Pending && (m.LeaseUntilUtc == null || m.LeaseUntilUtc < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LeaseUntilUtc, now + Lease)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
        if (claimed == 0)
        {
            return;
        }

        var message = await db.GarminInbox.SingleAsync(m => m.Id == inboxId, cancellationToken);
        try
        {
            var outcome = await ingestor.IngestAsync(message.Body, message.Id, cancellationToken);
            message.Status = InboxStatus.Processed;
            message.ProcessedAtUtc = time.GetUtcNow().UtcDateTime;
            message.IgnoredItemCount = outcome.Ignored;
            message.PullCount = outcome.Pulls;
            message.Warnings = outcome.Warnings.Count == 0 ? null : Truncate(string.Join(Environment.NewLine, outcome.Warnings), 2000);
            message.LastError = null;
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
                jobs.Schedule<ProcessGarminInboxJob>(job => job.RunAsync(inboxId, CancellationToken.None), delay);
                LogRetry(inboxId, message.Attempts, delay, ex);
            }
        }

        message.LeaseUntilUtc = null;
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    [LoggerMessage(Level = LogLevel.Error, Message = "Inbox row {InboxId} parked as poison after {Attempts} attempts")]
    private partial void LogPoisoned(long inboxId, int attempts, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox row {InboxId} failed (attempt {Attempts}); retrying in {Delay}")]
    private partial void LogRetry(long inboxId, int attempts, TimeSpan delay, Exception exception);
}
