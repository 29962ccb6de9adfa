using Microsoft.EntityFrameworkCore;

namespace Coopah.Web.Data;

/// <summary>
/// Moves WAL pages into the database file every second, outside any request's commit (connections run with
/// <c>wal_autocheckpoint=0</c>, see <see cref="SqlitePragmaInterceptor"/>). PASSIVE never waits for readers or
/// the writer, so it can fall behind under load and catches up when it eases; the WAL is truncated at shutdown.
/// </summary>
public sealed partial class SqliteCheckpointService(
    IDbContextFactory<CoopahDbContext> dbFactory,
    ILogger<SqliteCheckpointService> logger) : BackgroundService
{
    private const string PassiveSql = "PRAGMA wal_checkpoint(PASSIVE);";
    private const string TruncateSql = "PRAGMA wal_checkpoint(TRUNCATE);";

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The WAL grows in real time, so this runs on the system clock, never the app's: a test clock that jumps
        // three months would otherwise replay millions of one-second ticks inside the jump.
        using var timer = new PeriodicTimer(Interval, TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await CheckpointAsync(PassiveSql, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await CheckpointAsync(TruncateSql, cancellationToken);
    }

    private async Task CheckpointAsync(string sql, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (db.Database.IsSqlite())
            {
                await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
            }
        }
        catch (ObjectDisposedException)
        {
            // The host is already being torn down (test hosts stop after their services are disposed).
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The next tick tries again; a database that is unreachable is reported by /health/ready.
            LogCheckpointFailed(sql, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite checkpoint failed: {Sql}")]
    private partial void LogCheckpointFailed(string sql, Exception exception);
}
