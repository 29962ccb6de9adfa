using System.Data.Common;
using System.Threading.Channels;
using Coopah.Web.Data;
using Coopah.Web.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

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
        "INSERT INTO \"GarminInbox\" (\"Type\", \"ReceivedAtUtc\", \"BodyLength\", \"SourceAddress\", \"IsPing\", \"ItemCount\", \"GarminUserIds\", \"Status\", \"Attempts\", \"IgnoredItemCount\", \"PullCount\") " +
        "VALUES ($type, $received, $length, $source, $ping, $items, $users, $status, 0, 0, 0) RETURNING \"Id\";";

    /// <summary>The body goes to its own table (see the GarminInbox mapping), under its message's id.</summary>
    private const string InsertBodySql = "INSERT INTO \"GarminInboxBodies\" (\"Id\", \"Body\") VALUES ($id, $body);";

    private static readonly string PendingStatus = InboxStatus.Pending.ToString();

    private readonly IDbContextFactory<CoopahDbContext> _dbFactory;
    private readonly IBackgroundJobClient _jobs;
    private readonly DatabaseWriteGate _writeGate;
    private readonly TimeSpan _batchWindow;
    private readonly TimeProvider _time;
    private readonly ILogger<GarminInboxWriter> _logger;
    private readonly Channel<PendingRow> _queue = Channel.CreateUnbounded<PendingRow>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<long> _committed = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Task _loop;
    private InsertSession? _session;
    private readonly Task _enqueueLoop;

    public GarminInboxWriter(
        IDbContextFactory<CoopahDbContext> dbFactory,
        IBackgroundJobClient jobs,
        DatabaseWriteGate writeGate,
        IOptions<GarminWebhookOptions> options,
        TimeProvider time,
        ILogger<GarminInboxWriter> logger)
    {
        _dbFactory = dbFactory;
        _jobs = jobs;
        _writeGate = writeGate;
        _batchWindow = options.Value.ProcessingBatchWindow;
        _time = time;
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
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }
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
        // The writer keeps one connection and one prepared INSERT for its lifetime: a batch pays for a
        // transaction and its rows, not for a context, a pooled open (with its PRAGMAs) and a statement compile.
        _session ??= await InsertSession.OpenAsync(_dbFactory);
        try
        {
            using var turn = await _writeGate.EnterAsync(urgent: true);
            var ids = await _session.InsertAsync(rows);
            for (var i = 0; i < rows.Count; i++)
            {
                rows[i].Message.Id = ids[i];
            }
        }
        catch
        {
            // Start from a fresh connection next time: this one may be in any state.
            await _session.DisposeAsync();
            _session = null;
            throw;
        }
    }

    /// <summary>
    /// Hands committed rows to processing, off the request path (Hangfire's in-memory enqueue waits on its
    /// dispatcher thread). After each hand-over it waits <see cref="GarminWebhookOptions.ProcessingBatchWindow"/>
    /// unless a full job's worth is already waiting, so a burst becomes a few large jobs instead of one per push.
    /// </summary>
    private async Task EnqueueAsync()
    {
        var reader = _committed.Reader;
        var ids = new List<long>(ProcessGarminInboxJob.MaxRowsPerJob);
        while (await reader.WaitToReadAsync())
        {
            ids.Clear();
            while (ids.Count < ProcessGarminInboxJob.MaxRowsPerJob && reader.TryRead(out var id))
            {
                ids.Add(id);
            }

            var batch = ids.ToArray();
            try
            {
                _jobs.Enqueue<ProcessGarminInboxJob>(job => job.RunAsync(batch, CancellationToken.None));
            }
            catch (Exception ex)
            {
                // The rows are Pending in the database: the sweep job enqueues them again.
                LogEnqueueFailed(batch.Length, batch[0], ex);
            }

            if (ids.Count < ProcessGarminInboxJob.MaxRowsPerJob && _batchWindow > TimeSpan.Zero)
            {
                await Task.Delay(_batchWindow, _time);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not enqueue processing of {Count} inbox rows from {FirstInboxId}; the sweep will pick them up")]
    private partial void LogEnqueueFailed(int count, long firstInboxId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An inbox batch of {Count} rows failed; storing them one by one")]
    private partial void LogBatchFailed(int count, Exception exception);

    private sealed class PendingRow(GarminInboxMessage message)
    {
        public GarminInboxMessage Message { get; } = message;

        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class InsertSession : IAsyncDisposable
    {
        private readonly CoopahDbContext _db;
        private readonly DbConnection _connection;
        private readonly DbCommand _insert;
        private readonly DbCommand _insertBody;
        private readonly DbParameter _type, _received, _length, _source, _ping, _items, _users, _id, _body;

        private InsertSession(CoopahDbContext db)
        {
            _db = db;
            _connection = db.Database.GetDbConnection();
            _insert = _connection.CreateCommand();
            _insert.CommandText = InsertSql;
            _type = Add(_insert, "$type");
            _received = Add(_insert, "$received");
            _length = Add(_insert, "$length");
            _source = Add(_insert, "$source");
            _ping = Add(_insert, "$ping");
            _items = Add(_insert, "$items");
            _users = Add(_insert, "$users");
            Add(_insert, "$status").Value = PendingStatus;
            _insertBody = _connection.CreateCommand();
            _insertBody.CommandText = InsertBodySql;
            _id = Add(_insertBody, "$id");
            _body = Add(_insertBody, "$body");
        }

        public static async Task<InsertSession> OpenAsync(IDbContextFactory<CoopahDbContext> dbFactory)
        {
            var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            try
            {
                await db.Database.OpenConnectionAsync(CancellationToken.None);
                var session = new InsertSession(db);
                await session._insert.PrepareAsync(CancellationToken.None);
                await session._insertBody.PrepareAsync(CancellationToken.None);
                return session;
            }
            catch
            {
                await db.DisposeAsync();
                throw;
            }
        }

        /// <summary>Inserts the rows in one transaction: every row of it commits together or none does.</summary>
        public async Task<long[]> InsertAsync(List<PendingRow> rows)
        {
            await using var transaction = await _connection.BeginTransactionAsync(CancellationToken.None);
            _insert.Transaction = transaction;
            _insertBody.Transaction = transaction;
            var ids = new long[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                var message = rows[i].Message;
                _type.Value = message.Type;
                _received.Value = message.ReceivedAtUtc;
                _length.Value = message.BodyLength;
                _source.Value = (object?)message.SourceAddress ?? DBNull.Value;
                _ping.Value = message.IsPing;
                _items.Value = message.ItemCount;
                _users.Value = message.GarminUserIds;
                ids[i] = Convert.ToInt64(await _insert.ExecuteScalarAsync(CancellationToken.None), System.Globalization.CultureInfo.InvariantCulture);
                _id.Value = ids[i];
                _body.Value = message.Body;
                await _insertBody.ExecuteNonQueryAsync(CancellationToken.None);
            }

            await transaction.CommitAsync(CancellationToken.None);
            _insert.Transaction = null;
            _insertBody.Transaction = null;
            return ids;
        }

        public async ValueTask DisposeAsync()
        {
            await _insert.DisposeAsync();
            await _insertBody.DisposeAsync();
            await _db.DisposeAsync();
        }

        private static DbParameter Add(DbCommand command, string name)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
            return parameter;
        }
    }
}
