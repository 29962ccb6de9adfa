using System.Net;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Coopah.Web.Tests.Health;

public sealed class HealthEndpointTests
{
    [Trait("Database", TestDatabase.SqliteOnly)]
    [Fact]
    public async Task Ready_FreshDatabase_Returns200()
    {
        using var factory = new CoopahWebApplicationFactory();
        using var client = factory.CreateAnonymous();

        using var live = await client.GetAsync("/health");
        using var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.True(File.Exists(factory.DatabasePath));
    }

    [Trait("Database", TestDatabase.SqliteOnly)]
    [Fact]
    public async Task Ready_DatabaseFileUnreachable_Returns503ButLivenessStays200()
    {
        using var factory = new CoopahWebApplicationFactory();
        using var client = factory.CreateAnonymous();
        using (await client.GetAsync("/health/ready"))
        {
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(factory.DataDirectory, recursive: true);

        using var ready = await client.GetAsync("/health/ready");
        using var live = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
