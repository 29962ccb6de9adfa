using System.Collections.Concurrent;
using Npgsql;

namespace Coopah.Web.Cluster;

/// <summary>
/// Named locks that hold across every instance sharing the database: one sync run per runner, one token refresh
/// per Garmin link (a refresh token is single-use), one start-up initializer. On SQLite one host owns the database,
/// so an in-process lock is the whole story; on PostgreSQL the lock is a session advisory lock.
/// </summary>
public abstract class DatabaseLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _local = new(StringComparer.Ordinal);

    /// <summary>Waits for the named lock; dispose the result to release it.</summary>
    public async Task<IAsyncDisposable> AcquireAsync(string name, CancellationToken cancellationToken)
    {
        // Waiters on this host queue here first, so a host holds at most one database connection per name.
        var local = _local.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        await local.WaitAsync(cancellationToken);
        try
        {
            var shared = await AcquireSharedAsync(name, cancellationToken);
            return new Held(local, shared);
        }
        catch
        {
            local.Release();
            throw;
        }
    }

    /// <summary>The cross-instance part, taken once this host's own waiters have passed; null when there is none.</summary>
    protected abstract Task<IAsyncDisposable?> AcquireSharedAsync(string name, CancellationToken cancellationToken);

    private sealed class Held(SemaphoreSlim local, IAsyncDisposable? shared) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            try
            {
                if (shared is not null)
                {
                    await shared.DisposeAsync();
                }
            }
            finally
            {
                local.Release();
            }
        }
    }
}

/// <summary>One host owns the SQLite file: the in-process lock is enough.</summary>
public sealed class InProcessDatabaseLocks : DatabaseLocks
{
    protected override Task<IAsyncDisposable?> AcquireSharedAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable?>(null);
}

/// <summary>
/// <c>pg_advisory_lock</c> on a connection held for as long as the lock: if the instance dies, PostgreSQL ends the
/// session and the lock with it, so a killed instance never leaves a lock behind.
/// </summary>
public sealed class PostgresAdvisoryLocks(NpgsqlDataSource dataSource) : DatabaseLocks
{
    protected override async Task<IAsyncDisposable?> AcquireSharedAsync(string name, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended($1, 0))", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = name });
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new Advisory(connection, name);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Advisory(NpgsqlConnection connection, string name) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended($1, 0))", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = name });
                await command.ExecuteNonQueryAsync(CancellationToken.None);
            }
            finally
            {
                // Returning the connection to the pool resets the session (DISCARD ALL), which also drops the lock
                // if the unlock itself failed.
                await connection.DisposeAsync();
            }
        }
    }
}
