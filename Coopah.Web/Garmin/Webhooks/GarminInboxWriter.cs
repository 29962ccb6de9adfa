using System.Threading.Channels;
using Coopah.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Coopah.Web.Garmin.Webhooks;

/// <summary>
/// Group commit for the webhook inbox: concurrent requests hand their row to one writer, which inserts whatever
/// is waiting in a single transaction and completes each request only after that transaction committed. SQLite
/// takes one writer at a time and pays one WAL sync per commit, so one commit per batch instead of per request
/// removes the lock convoy (and Microsoft.Data.Sqlite's sleep-and-retry on SQLITE_BUSY) without weakening
/// anything: a caller still answers 200 only for a committed row.
/// </summary>
public sealed partial class GarminInboxWriter : IAsyncDisposable
{
    /// <summary>Rows per transaction at most; a full batch of small pushes is a few hundred KB.</summary>
    public const int MaxBatchRows = 256;

    /// <summary>Bytes per transaction at most, so a few large activityDetails bodies commit on their own.</summary>
    public const long MaxBatchBytes = 16L * 1024 * 1024;

    private readonly IDbContextFactory<CoopahDbContext> _dbFactory;
    private readonly ILogger<GarminInboxWriter> _logger;
    private readonly Channel<PendingRow> _queue = Channel.CreateUnbounded<PendingRow>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public GarminInboxWriter(IDbContextFactory<CoopahDbContext> dbFactory, ILogger<GarminInboxWriter> logger)
    {
        _dbFactory = dbFactory;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Completes once <paramref name="message"/> is committed (its Id set); throws if it could not be stored.</summary>
    public async Task AppendAsync(GarminInboxMessage message, CancellationToken cancellationToken)
    {
        var row = new PendingRow(message);
        if (!_queue.Writer.TryWrite(row))
        {
            throw new InvalidOperationException("The inbox writer is shutting down.");
        }

        // A caller that gives up only stops waiting: the row may still commit, and Garmin's retry of the
        // unacknowledged request becomes a second row that processing treats as a re-sent summary.
        await row.Committed.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingRow>(MaxBatchRows);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            long bytes = 0;
            while (batch.Count < MaxBatchRows && bytes < MaxBatchBytes && reader.TryRead(out var row))
            {
                batch.Add(row);
                bytes += row.Message.BodyLength;
            }

            try
            {
                await CommitAsync(batch);
                foreach (var row in batch)
                {
                    row.Committed.TrySetResult();
                }
            }
            catch (Exception ex) when (batch.Count > 1)
            {
                // One bad row must not fail its neighbours: store them one by one, each with its own outcome.
                LogBatchFailed(batch.Count, ex);
                foreach (var row in batch)
                {
                    row.Message.Id = 0;
                    await CommitOneAsync(row);
                }
            }
            catch (Exception ex)
            {
                batch[0].Committed.TrySetException(ex);
            }
        }
    }

    private async Task CommitOneAsync(PendingRow row)
    {
        try
        {
            await CommitAsync([row]);
            row.Committed.TrySetResult();
        }
        catch (Exception ex)
        {
            row.Committed.TrySetException(ex);
        }
    }

    private async Task CommitAsync(List<PendingRow> rows)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(CancellationToken.None);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var row in rows)
        {
            db.GarminInbox.Add(row.Message);
        }

        // One SaveChanges is one transaction: every row of the batch commits together or none does.
        await db.SaveChangesAsync(CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An inbox batch of {Count} rows failed; storing them one by one")]
    private partial void LogBatchFailed(int count, Exception exception);

    private sealed class PendingRow(GarminInboxMessage message)
    {
        public GarminInboxMessage Message { get; } = message;

        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
