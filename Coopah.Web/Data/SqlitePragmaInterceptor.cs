using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Coopah.Web.Data;

/// <summary>
/// Per-connection SQLite settings, applied every time EF opens a (pooled) connection:
/// <list type="bullet">
/// <item><c>busy_timeout</c>: a writer that finds the lock taken waits inside SQLite (sub-millisecond to
/// 100 ms steps) instead of failing back to Microsoft.Data.Sqlite, whose retry sleeps 150 ms a time - that
/// sleep was most of the webhook intake's p99 while jobs were writing.</item>
/// <item><c>synchronous</c> (<see cref="DataOptions.SqliteSynchronous"/>, NORMAL by default): in WAL mode a commit
/// is in the WAL file before it returns, so it survives a crash of the process (kill -9 included); only the
/// last commits before a power cut or kernel crash may roll back, since the WAL is synced at checkpoints rather
/// than at every commit. FULL syncs every commit.</item>
/// <item><c>wal_autocheckpoint=0</c>: otherwise whichever commit crosses 1000 WAL pages copies them into the
/// database and syncs it inside that commit - often the webhook intake's, with every waiting request behind it.
/// <see cref="SqliteCheckpointService"/> checkpoints in the background instead.</item>
/// </list>
/// </summary>
public sealed class SqlitePragmaInterceptor(string synchronous, int busyTimeoutMilliseconds) : DbConnectionInterceptor
{
    private readonly string _sql = $"PRAGMA busy_timeout={busyTimeoutMilliseconds}; PRAGMA synchronous={Validate(synchronous)}; PRAGMA wal_autocheckpoint=0;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _sql;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static string Validate(string value, string key = "Coopah:SqliteSynchronous") =>
        value.ToUpperInvariant() is var upper && upper is "OFF" or "NORMAL" or "FULL" or "EXTRA"
            ? upper
            : throw new InvalidOperationException($"{key} must be OFF, NORMAL, FULL or EXTRA, not '{value}'.");
}
