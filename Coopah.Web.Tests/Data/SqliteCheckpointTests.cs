using System.Text;
using Coopah.Web.Data;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Coopah.Web.Tests.Data;

/// <summary>Checkpoints happen in the background, never inside a request's commit.</summary>
[Trait("Database", TestDatabase.SqliteOnly)]
public sealed class SqliteCheckpointTests : IDisposable
{
    private readonly CoopahWebApplicationFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task EveryConnection_LeavesCheckpointsToTheBackgroundService()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoopahDbContext>();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();

        command.CommandText = "PRAGMA wal_autocheckpoint;";
        Assert.Equal(0L, await command.ExecuteScalarAsync());
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Shutdown_CopiesTheWalIntoTheDatabaseFile()
    {
        // Held open for the whole test: when the last connection to a database closes, SQLite itself checkpoints
        // and deletes the WAL, and other tests clear every SQLite pool in this process whenever they finish.
        _ = _factory.Services;
        await using var holder = new SqliteConnection($"Data Source={_factory.DatabasePath};Pooling=False");
        await holder.OpenAsync();
        await using (var read = holder.CreateCommand())
        {
            // A connection joins the WAL only once it has read something.
            read.CommandText = "SELECT COUNT(*) FROM sqlite_master;";
            await read.ExecuteScalarAsync();
        }

        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CoopahDbContext>();
            for (var i = 0; i < 50; i++)
            {
                var body = Encoding.UTF8.GetBytes(new string('x', 4000));
                db.GarminInbox.Add(new GarminInboxMessage { Type = "activities", Body = body, BodyLength = body.Length, Status = InboxStatus.Processed });
            }

            await db.SaveChangesAsync();
        }

        Assert.True(new FileInfo(_factory.DatabasePath + "-wal").Length > 0);

        var checkpoints = _factory.Services.GetServices<IHostedService>().OfType<SqliteCheckpointService>().Single();
        await checkpoints.StopAsync(CancellationToken.None);

        // The database file alone (copied without its WAL) must now hold the rows: the checkpoint moved them.
        var copy = Path.Combine(_factory.DataDirectory, "checkpointed-copy.db");
        File.Copy(_factory.DatabasePath, copy);
        await using var connection = new SqliteConnection($"Data Source={copy};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM \"GarminInbox\" WHERE \"BodyLength\" = 4000;";
        Assert.Equal(50L, await count.ExecuteScalarAsync());
    }
}
