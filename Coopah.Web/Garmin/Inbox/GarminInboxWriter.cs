using System.Globalization;
using System.Threading.Channels;
using Coopah.Web.Data;
using Hangfire;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SQLitePCL;

namespace Coopah.Web.Garmin.Inbox;

/// <summary>
/// Group commit for the webhook inbox: concurrent requests hand their row to one writer, which inserts whatever
/// is waiting in a single transaction and completes each request only after that transaction committed. SQLite
/// takes one writer at a time and pays one WAL sync per commit, so one commit per batch instead of per request
/// removes the lock convoy (and Microsoft.Data.Sqlite's sleep-and-retry on SQLITE_BUSY) without weakening
/// anything: a caller still answers 200 only for a committed row. The writer's connection runs with
/// <see cref="DataOptions.InboxSynchronous"/> (FULL by default), so that commit includes the WAL's sync to the disk:
/// one sync per group, and the 200 survives a power cut, not only a crash. Rows go in through two INSERTs prepared once
/// (see <see cref="InsertSession"/>) rather than EF change tracking, and the processing job of
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
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, 0, 0);";

    /// <summary>The body goes to its own table (see the GarminInbox mapping), under its message's id.</summary>
    private const string InsertBodySql = "INSERT INTO \"GarminInboxBodies\" (\"Id\", \"Body\") VALUES (?1, ?2);";

    private static readonly string PendingStatus = InboxStatus.Pending.ToString();

    private readonly IDbContextFactory<CoopahDbContext> _dbFactory;
    private readonly IBackgroundJobClient _jobs;
    private readonly DatabaseWriteGate _writeGate;
    private readonly TimeSpan _batchWindow;
    private readonly TimeProvider _time;
    private readonly string _synchronous;
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
        IOptions<DataOptions> dataOptions,
        TimeProvider time,
        ILogger<GarminInboxWriter> logger)
    {
        _synchronous = SqlitePragmaInterceptor.Validate(dataOptions.Value.InboxSynchronous, "Coopah:InboxSynchronous");
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

    /// <summary>The <c>synchronous</c> level the writer's connection runs with (2 = FULL), once it has committed; for tests.</summary>
    internal int? AppliedSynchronous => _session?.Synchronous;

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
        _session ??= await InsertSession.OpenAsync(_dbFactory, _synchronous);
        try
        {
            using var turn = await _writeGate.EnterAsync(urgent: true);
            var ids = _session.Insert(rows);
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

    /// <summary>
    /// The writer's own connection with its two INSERTs prepared once, driven through SQLite's C API: the writer
    /// is the serial part of intake, and Microsoft.Data.Sqlite's per-execution work (a data reader, parameters
    /// looked up by name, value conversion) cost more than the inserts themselves.
    /// </summary>
    private sealed class InsertSession : IAsyncDisposable
    {
        // Microsoft.Data.Sqlite's text form of a DateTime, which EF Core reads back and compares against.
        private const string DateTimeFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF";

        private readonly CoopahDbContext _db;
        private readonly sqlite3 _handle;
        private readonly sqlite3_stmt _insert;
        private readonly sqlite3_stmt _insertBody;

        private InsertSession(CoopahDbContext db, sqlite3 handle, sqlite3_stmt insert, sqlite3_stmt insertBody)
        {
            _db = db;
            _handle = handle;
            _insert = insert;
            _insertBody = insertBody;
        }

        public static async Task<InsertSession> OpenAsync(IDbContextFactory<CoopahDbContext> dbFactory, string synchronous)
        {
            var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            sqlite3_stmt? insert = null;
            try
            {
                await db.Database.OpenConnectionAsync(CancellationToken.None);
                var handle = ((SqliteConnection)db.Database.GetDbConnection()).Handle!;
                // Per connection, after the interceptor's defaults: only the inbox's commits wait for the disk.
                Check(handle, raw.sqlite3_exec(handle, $"PRAGMA synchronous={synchronous};"));
                var applied = ReadSynchronous(handle);
                insert = Prepare(handle, InsertSql);
                Check(handle, raw.sqlite3_bind_text(insert, 8, PendingStatus));
                var insertBody = Prepare(handle, InsertBodySql);
                return new InsertSession(db, handle, insert, insertBody) { Synchronous = applied };
            }
            catch
            {
                insert?.Dispose();
                await db.DisposeAsync();
                throw;
            }
        }

        /// <summary>SQLite's <c>synchronous</c> level on this connection as read back (0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA).</summary>
        public int Synchronous { get; private init; }

        private static int ReadSynchronous(sqlite3 handle)
        {
            using var statement = Prepare(handle, "PRAGMA synchronous;");
            return raw.sqlite3_step(statement) == raw.SQLITE_ROW ? raw.sqlite3_column_int(statement, 0) : -1;
        }

        /// <summary>Inserts the rows in one transaction: every row of it commits together or none does.</summary>
        public long[] Insert(List<PendingRow> rows)
        {
            Check(_handle, raw.sqlite3_exec(_handle, "BEGIN IMMEDIATE;"));
            try
            {
                var ids = new long[rows.Count];
                for (var i = 0; i < rows.Count; i++)
                {
                    var message = rows[i].Message;
                    Check(_handle, raw.sqlite3_bind_text(_insert, 1, message.Type));
                    Check(_handle, raw.sqlite3_bind_text(_insert, 2, message.ReceivedAtUtc.ToString(DateTimeFormat, CultureInfo.InvariantCulture)));
                    Check(_handle, raw.sqlite3_bind_int64(_insert, 3, message.BodyLength));
                    Check(_handle, message.SourceAddress is null ? raw.sqlite3_bind_null(_insert, 4) : raw.sqlite3_bind_text(_insert, 4, message.SourceAddress));
                    Check(_handle, raw.sqlite3_bind_int(_insert, 5, message.IsPing ? 1 : 0));
                    Check(_handle, raw.sqlite3_bind_int(_insert, 6, message.ItemCount));
                    Check(_handle, raw.sqlite3_bind_text(_insert, 7, message.GarminUserIds));
                    Step(_insert);
                    ids[i] = raw.sqlite3_last_insert_rowid(_handle);

                    Check(_handle, raw.sqlite3_bind_int64(_insertBody, 1, ids[i]));
                    Check(_handle, raw.sqlite3_bind_blob(_insertBody, 2, message.Body));
                    Step(_insertBody);
                }

                Check(_handle, raw.sqlite3_exec(_handle, "COMMIT;"));
                return ids;
            }
            catch
            {
                // A failed COMMIT may leave the transaction open; with no transaction this is a harmless error.
                raw.sqlite3_exec(_handle, "ROLLBACK;");
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            _insert.Dispose();
            _insertBody.Dispose();
            await _db.DisposeAsync();
        }

        private void Step(sqlite3_stmt statement)
        {
            var rc = raw.sqlite3_step(statement);
            // Reset reports the step's error again and frees the statement for the next row either way.
            raw.sqlite3_reset(statement);
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _handle);
            }
        }

        private static sqlite3_stmt Prepare(sqlite3 handle, string sql)
        {
            Check(handle, raw.sqlite3_prepare_v2(handle, sql, out var statement));
            return statement;
        }

        private static void Check(sqlite3 handle, int rc)
        {
            if (rc != raw.SQLITE_OK)
            {
                SqliteException.ThrowExceptionForRC(rc, handle);
            }
        }
    }
}
