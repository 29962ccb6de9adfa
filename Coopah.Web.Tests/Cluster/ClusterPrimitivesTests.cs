using Coopah.Web.Cluster;
using Coopah.Web.Data;
using Coopah.Web.Garmin.Sync;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Coopah.Web.Tests.Cluster;

/// <summary>
/// The pieces several instances share through PostgreSQL, each driven from two "instances" (two data sources, two
/// lock tables, two budgets) on one real database.
/// </summary>
[Trait("Database", "Postgres")]
public sealed class ClusterPrimitivesTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "coopah-tests", Guid.NewGuid().ToString("N"));
    private readonly string _connectionString;
    private readonly List<NpgsqlDataSource> _sources = [];

    public ClusterPrimitivesTests()
    {
        _connectionString = TestDatabase.EnsurePostgresDatabase(_folder);
    }

    [Fact]
    public async Task AdvisoryLock_HeldByOneInstance_MakesTheOtherWaitUntilReleased()
    {
        var a = new PostgresAdvisoryLocks(NewSource());
        var b = new PostgresAdvisoryLocks(NewSource());
        var held = await a.AcquireAsync("garmin-link:7", CancellationToken.None);

        var waiting = b.AcquireAsync("garmin-link:7", CancellationToken.None);
        // PostgreSQL shows the second session queued on the advisory lock: B is blocked there, not merely slow.
        await Poll.UntilAsync(WaitingAdvisoryLocksAsync, n => n == 1, n => Task.FromResult($"B is not queued on A's advisory lock ({n} waiting)."));
        Assert.False(waiting.IsCompleted);
        await using (var other = await b.AcquireAsync("garmin-link:8", CancellationToken.None))
        {
            // Another name is another lock.
        }

        await held.DisposeAsync();
        await (await waiting).DisposeAsync();
        Assert.Equal(0, await WaitingAdvisoryLocksAsync());
    }

    [Fact]
    public async Task AdvisoryLock_OfAnInstanceThatDied_IsFreedByPostgres()
    {
        var a = new PostgresAdvisoryLocks(NewSource());
        var b = new PostgresAdvisoryLocks(NewSource());
        _ = await a.AcquireAsync("garmin-sync:runner-1", CancellationToken.None);

        // A dies without releasing (kill -9): its session ends, and the lock with it.
        await using (var admin = NewSource().CreateCommand(
            "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"))
        {
            await admin.ExecuteNonQueryAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var taken = await b.AcquireAsync("garmin-sync:runner-1", timeout.Token);
    }

    [Fact]
    public async Task AdvisoryLock_CancelledWhileWaiting_GivesUpAndLeavesTheLockUsable()
    {
        var a = new PostgresAdvisoryLocks(NewSource());
        var b = new PostgresAdvisoryLocks(NewSource());
        var held = await a.AcquireAsync("coopah-initialize", CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = b.AcquireAsync("coopah-initialize", cancel.Token);
        await Poll.UntilAsync(WaitingAdvisoryLocksAsync, n => n == 1, n => Task.FromResult($"B is not queued ({n} waiting)."));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        await held.DisposeAsync();
        await using var again = await b.AcquireAsync("coopah-initialize", CancellationToken.None);
    }

    [Fact]
    public async Task CallBudget_IsOneBudgetForEveryInstance()
    {
        // Garmin counts calls per partner app: two instances taking at once may use the minute's calls only once.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
        var options = Options.Create(new GarminSyncOptions { PartnerCallsPerMinute = 5 });
        var budgets = Enumerable.Range(0, 2)
            .Select(_ => new GarminCallBudget(new Contexts(_connectionString), new PostgresAdvisoryLocks(NewSource()), new DatabaseWriteGate(serializeWriters: false), options, clock))
            .ToList();

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => budgets[i % 2].TryTakeAsync(CancellationToken.None))));

        Assert.Equal(5, results.Count(r => r is null));
        Assert.All(results.Where(r => r is not null), wait => Assert.Equal(TimeSpan.FromMinutes(1), wait));
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Null(await budgets[1].TryTakeAsync(CancellationToken.None));
    }

    public void Dispose()
    {
        foreach (var source in _sources)
        {
            source.Dispose();
        }

        TestDatabase.DropPostgresDatabase(_folder);
    }

    private NpgsqlDataSource NewSource()
    {
        var source = NpgsqlDataSource.Create(_connectionString);
        _sources.Add(source);
        return source;
    }

    private async Task<long> WaitingAdvisoryLocksAsync()
    {
        await using var command = NewSource().CreateCommand(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private sealed class Contexts(string connectionString) : IDbContextFactory<CoopahDbContext>
    {
        public CoopahDbContext CreateDbContext() =>
            new PostgresCoopahDbContext(new DbContextOptionsBuilder<PostgresCoopahDbContext>().UseNpgsql(connectionString).Options);
    }
}
