using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Coopah.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Infrastructure;

/// <summary>
/// The real host on a throw-away SQLite file (or, with <c>COOPAH_TEST_DATABASE=Postgres</c>, its own PostgreSQL
/// database; see <see cref="TestDatabase"/>) with demo accounts seeded and a quick-to-stop Hangfire server,
/// so each test class starts from a known state.
/// </summary>
public class CoopahWebApplicationFactory : WebApplicationFactory<Program>
{
    private readonly bool _ownsDataDirectory;

    public CoopahWebApplicationFactory()
        : this(Path.Combine(Path.GetTempPath(), "coopah-tests", Guid.NewGuid().ToString("N")), ownsDataDirectory: true)
    {
    }

    /// <summary>A host on <paramref name="dataDirectory"/>; one that does not own it leaves it for the next host (restart tests).</summary>
    protected CoopahWebApplicationFactory(string dataDirectory, bool ownsDataDirectory)
    {
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        Directory.CreateDirectory(DataDirectory);
    }

    public const string WebhookSecret = "test-webhook-secret-0123456789";

    public string DataDirectory { get; }

    public string DatabasePath => Path.Combine(DataDirectory, "coopah.db");

    /// <summary>
    /// Hangfire's store for this host: in memory by default, so the many short-lived test hosts start and stop fast;
    /// fixtures that prove what the durable store does (restarts, end-to-end processing) say <c>SQLite</c>.
    /// </summary>
    protected virtual string HangfireStorage => "InMemory";

    /// <summary>
    /// Whether this host runs on PostgreSQL: the run's choice (<see cref="TestDatabase.IsPostgres"/>) unless a fixture
    /// needs PostgreSQL whatever the run says (several instances sharing one database).
    /// </summary>
    protected virtual bool UsePostgres => TestDatabase.IsPostgres;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        if (UsePostgres)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Coopah", TestDatabase.EnsurePostgresDatabase(DataDirectory));
        }
        else
        {
            builder.UseSetting("ConnectionStrings:Coopah", "Data Source=coopah.db");
        }

        builder.UseSetting("Coopah:DataDirectory", DataDirectory);
        builder.UseSetting("Coopah:SeedDemoData", "true");
        builder.UseSetting("Hangfire:ShutdownTimeoutSeconds", "1");
        builder.UseSetting("Hangfire:WorkerCount", "2");
        builder.UseSetting("Hangfire:SchedulePollingIntervalSeconds", "1");
        // A durable store on PostgreSQL is the shared one in the database.
        builder.UseSetting("Hangfire:Storage", UsePostgres && HangfireStorage == "SQLite" ? "PostgreSql" : HangfireStorage);
        builder.UseSetting("GarminWebhooks:PathSecret", WebhookSecret);
        builder.ConfigureServices(ConfigureTestServices);
    }

    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    /// <summary>One query against this host's database, in a context of its own.</summary>
    public async Task<T> QueryAsync<T>(Func<CoopahDbContext, Task<T>> query)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<CoopahDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    /// <summary>The address of the Kestrel server once <see cref="WebApplicationFactory{T}.UseKestrel()"/> and StartServer ran.</summary>
    public Uri ServerAddress =>
        new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            if (!_ownsDataDirectory)
            {
                return;
            }

            if (UsePostgres)
            {
                TestDatabase.DropPostgresDatabase(DataDirectory);
            }

            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open only leaves a temp folder behind.
            }
        }
    }
}
