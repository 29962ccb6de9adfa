using System.Data.Common;
using System.Threading.Channels;
using Coopah.Web.Data;
using Coopah.Web.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Coopah.Web.Garmin.Webhooks;

/// <summary>
/// Group commit for the webhook inbox: concurrent requests hand their row to one writer, which inserts whatever
/// is waiting in a single transaction and completes each request only after that transaction committed. SQLite
/// takes one writer at a time and pays one WAL sync per commit, so one commit per batch instead of per request
/// removes the lock convoy (and Microsoft.Data.Sqlite's sleep-and-retry on SQLITE_BUSY) without weakening
/// anything: a caller still answers 200 only for a committed row. Rows go in through one prepared INSERT
/// rather than EF change tracking (the single writer is the serial part of intake), and the processing job of
/// each committed row is enqueued off the request path: if that enqueue is lost, the start-up and sweep jobs
/// re-enqueue every Pending row.
/// </summary>
public sealed partial class GarminInboxWriter : IAsyncDisposable
{
    /// <summary>Rows per transaction at most; a full batch of small pushes is a few hundred KB.</summary>
    public const int MaxBatchRows = 256;

    /// <summary>Bytes per transaction at most, so a few large activityDetails bodies commit on their own.</summary>
    public const long MaxBatchBytes = 16L * 1024 * 1024;

    private const string InsertSql =
        "INSERT INTO GarminInbox (Type, ReceivedAtUtc, Body, BodyLength, SourceAddress, IsPing, ItemCount, GarminUserIds, Status, Attempts, IgnoredItemCount, PullCount) " +
        "VALUES ($type, $received, $body, $length, $source, $ping, $items, $users, $status, 0, 0, 0) RETURNING Id;";

    private static readonly string PendingStatus = InboxStatus.Pending.ToString();

    private readonly IDbContextFactory<CoopahDbContext> _dbFactory;
    private readonly IBackgroundJobClient _jobs;
    private readonly ILogger<GarminInboxWriter> _logger;
    private readonly Channel<PendingRow> _queue = Channel.CreateUnbounded<PendingRow>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<long> _committed = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Task _loop;
    private readonly Task _enqueueLoop;

    public GarminInboxWriter(IDbContextFactory<CoopahDbContext> dbFactory, IBackgroundJobClient jobs, ILogger<GarminInboxWriter> logger)
    {
        _dbFactory = dbFactory;
        _jobs = jobs;
        _logger = logger;
        _loop = Task.Run(RunAsync);
        _enqueueLoop = Task.Run(EnqueueAsync);
    }

    /// <summary>
    /// Completes once <paramref name="message"/> is committed (its Id set) and its processing job is queued to
    /// be enqueued; throws if it could not be stored.
    /// </summary>
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
        _committed.Writer.TryComplete();
        await _enqueueLoop;
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
                    Acknowledge(row);
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
            Acknowledge(row);
        }
        catch (Exception ex)
        {
            row.Committed.TrySetException(ex);
        }
    }

    private void Acknowledge(PendingRow row)
    {
        _committed.Writer.TryWrite(row.Message.Id);
        row.Committed.TrySetResult();
    }

    private async Task CommitAsync(List<PendingRow> rows)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.Database.OpenConnectionAsync(CancellationToken.None);
        var connection = db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = InsertSql;
        var type = Add(insert, "$type");
        var received = Add(insert, "$received");
        var body = Add(insert, "$body");
        var length = Add(insert, "$length");
        var source = Add(insert, "$source");
        var ping = Add(insert, "$ping");
        var items = Add(insert, "$items");
        var users = Add(insert, "$users");
        Add(insert, "$status").Value = PendingStatus;
        await insert.PrepareAsync(CancellationToken.None);
        var ids = new long[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var message = rows[i].Message;
            type.Value = message.Type;
            received.Value = message.ReceivedAtUtc;
            body.Value = message.Body;
            length.Value = message.BodyLength;
            source.Value = (object?)message.SourceAddress ?? DBNull.Value;
            ping.Value = message.IsPing;
            items.Value = message.ItemCount;
            users.Value = message.GarminUserIds;
            ids[i] = Convert.ToInt64(await insert.ExecuteScalarAsync(CancellationToken.None), System.Globalization.CultureInfo.InvariantCulture);
        }

        // One transaction per batch: every row of it commits together or none does.
        await transaction.CommitAsync(CancellationToken.None);
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].Message.Id = ids[i];
        }
    }

    private static DbParameter Add(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>Hangfire's in-memory enqueue waits on its dispatcher thread; no request waits for it.</summary>
    private async Task EnqueueAsync()
    {
        var reader = _committed.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var id))
            {
                try
                {
                    _jobs.Enqueue<ProcessGarminInboxJob>(job => job.RunAsync(id, CancellationToken.None));
                }
                catch (Exception ex)
                {
                    // The row is Pending in the database: the sweep job enqueues it again.
                    LogEnqueueFailed(id, ex);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not enqueue processing of inbox row {InboxId}; the sweep will pick it up")]
    private partial void LogEnqueueFailed(long inboxId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An inbox batch of {Count} rows failed; storing them one by one")]
    private partial void LogBatchFailed(int count, Exception exception);

    private sealed class PendingRow(GarminInboxMessage message)
    {
        public GarminInboxMessage Message { get; } = message;

        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
