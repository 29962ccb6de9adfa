using System.Net;
using Coopah.Web.Setup;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coopah.Web.Tests.Cluster;

/// <summary>
/// Two instances starting together where the PostgreSQL database does not exist yet: both try to create it (one
/// finds it made by the other), then one migrates and seeds while the other waits
/// on the initializer's advisory lock, then finds the work done. Without the lock both would seed the demo
/// accounts and plan templates (or one would crash on the other's rows).
/// </summary>
[Trait("Database", "Postgres")]
public sealed class ConcurrentStartupTests : IDisposable
{
    private readonly string _database = "coopah_t_start_" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task TwoInstances_StartingTogetherWithoutADatabase_CreateMigrateAndSeedItOnce()
    {
        var connectionString = TestDatabase.ConnectionStringFor(_database);
        using var a = new EmptyDatabaseFactory(connectionString);
        using var b = new EmptyDatabaseFactory(connectionString);

        var clients = await Task.WhenAll(Task.Run(a.CreateAnonymous), Task.Run(b.CreateAnonymous));

        foreach (var client in clients)
        {
            using var ready = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            client.Dispose();
        }

        var applied = await a.QueryAsync(db => db.Database.GetAppliedMigrationsAsync());
        var known = await a.QueryAsync(db => Task.FromResult(db.Database.GetMigrations().ToList()));
        Assert.Equal(known, applied);
        var emails = await b.QueryAsync(db => db.Users.Select(u => u.NormalizedEmail!).ToListAsync());
        Assert.Equal(DatabaseInitializer.DemoAccounts.Select(d => d.Email.ToUpperInvariant()).Order(), emails.Order());
        var planKeys = await b.QueryAsync(db => db.Plans.Select(p => p.Key).ToListAsync());
        Assert.Equal(planKeys.Distinct().Count(), planKeys.Count);
    }

    public void Dispose()
    {
        using var connection = new NpgsqlConnection(TestDatabase.ConnectionStringFor("postgres"));
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }

    private sealed class EmptyDatabaseFactory(string connectionString) : CoopahWebApplicationFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Coopah", connectionString);
        }
    }
}
