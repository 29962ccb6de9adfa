using System.Threading.Channels;
using Coopah.Web.Data;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Coopah.Web.Garmin.Inbox;

/// <summary>
/// Group commit for the webhook inbox: concurrent requests hand their row to one writer, which inserts whatever
/// is waiting in a single transaction and completes each request only after that transaction committed. SQLite
/// takes one writer at a time and pays one WAL sync per commit, so one commit per batch instead of per request
/// removes the lock convoy (and Microsoft.Data.Sqlite's sleep-and-retry on SQLITE_BUSY) without weakening
/// anything: a caller still answers 200 only for a committed row, and that commit waits for the disk (see the
/// <see cref="IGarminInboxStore"/> of each engine): one sync per group, so the 200 survives a power cut, not only a
/// crash. Rows go in through the store's prepared statements rather than EF change tracking, and the processing job of
/// each committed row is enqueued off the request path: if that enqueue is lost, the start-up and sweep jobs
/// re-enqueue every Pending row.
/// </summary>
public sealed partial class GarminInboxWriter : IAsyncDisposable
{
    /// <summary>Rows per transaction at most; a full batch of small pushes is a few hundred KB.</summary>
    public const int MaxBatchRows = 256;

    /// <summary>Bytes per transaction at most, so a few large activityDetails bodies commit on their own.</summary>
    public const long MaxBatchBytes = 16L * 1024 * 1024;

    private readonly IGarminInboxStore _store;
    private readonly IBackgroundJobClient _jobs;
    private readonly DatabaseWriteGate _writeGate;
    private readonly TimeSpan _batchWindow;
    private readonly TimeProvider _time;
    private readonly ILogger<GarminInboxWriter> _logger;
    private readonly Channel<PendingRow> _queue = Channel.CreateUnbounded<PendingRow>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<long> _committed = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Task _loop;
    private IGarminInboxInsertSession? _session;
    private readonly Task _enqueueLoop;

    public GarminInboxWriter(
        IGarminInboxStore store,
        IBackgroundJobClient jobs,
        DatabaseWriteGate writeGate,
        IOptions<GarminWebhookOptions> options,
        TimeProvider time,
        ILogger<GarminInboxWriter> logger)
    {
        _store = store;
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

    /// <summary>What the writer's commits wait for (SQLite's synchronous level, PostgreSQL's synchronous_commit), once it has committed; for tests.</summary>
    internal string? Durability => _session?.Durability;

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
        _session ??= await _store.OpenInsertSessionAsync(CancellationToken.None);
        try
        {
            using var turn = await _writeGate.EnterAsync(urgent: true);
            var ids = await _session.InsertAsync(rows.ConvertAll(row => row.Message));
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
}
