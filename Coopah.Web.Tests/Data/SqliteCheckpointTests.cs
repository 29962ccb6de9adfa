using System.Text;
using Coopah.Web.Data;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Coopah.Web.Tests.Data;

/// <summary>Checkpoints happen in the background, never inside a request's commit.</summary>
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
    public async Task Shutdown_CopiesTheWalIntoTheDatabaseAndTruncatesIt()
    {
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

        var wal = new FileInfo(_factory.DatabasePath + "-wal");
        Assert.True(wal.Exists);

        var checkpoints = _factory.Services.GetServices<IHostedService>().OfType<SqliteCheckpointService>().Single();
        await checkpoints.StopAsync(CancellationToken.None);

        wal.Refresh();
        Assert.Equal(0, wal.Length);
        await using var verify = _factory.Services.CreateAsyncScope();
        Assert.Equal(50, await verify.ServiceProvider.GetRequiredService<CoopahDbContext>().GarminInbox.CountAsync(m => m.BodyLength == 4000));
    }
}
