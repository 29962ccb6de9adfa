using Coopah.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Coopah.Web.Tests.Infrastructure;

/// <summary>
/// Which engine the test hosts run on: SQLite by default, PostgreSQL when <c>COOPAH_TEST_DATABASE=Postgres</c>
/// (test.sh runs the integration suite both ways). On PostgreSQL every host gets its own database, copied from a
/// template migrated once per test run, so a test class starts as cleanly as with a fresh SQLite file.
/// </summary>
public static class TestDatabase
{
    /// <summary>Tests that only make sense on SQLite (its files, PRAGMAs, its job store) carry this trait.</summary>
    public const string SqliteOnly = "SqliteOnly";

    private const string TemplateName = "coopah_test_template";

    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static bool _templateReady;

    public static DatabaseProvider Provider { get; } =
        string.Equals(Environment.GetEnvironmentVariable("COOPAH_TEST_DATABASE"), "Postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    public static bool IsPostgres => Provider == DatabaseProvider.Postgres;

    /// <summary>The server the PostgreSQL tests use; test.sh creates this role.</summary>
    public static string ServerConnectionString { get; } =
        Environment.GetEnvironmentVariable("COOPAH_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=coopah;Password=coopah";

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database, Pooling = true }.ConnectionString;

    /// <summary>A database named after the host's data folder (so a restarted host finds it again), created from the template if missing.</summary>
    public static string EnsurePostgresDatabase(string dataDirectory)
    {
        EnsureTemplate();
        var name = NameFor(dataDirectory);
        using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        connection.Open();
        using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.Add(new NpgsqlParameter { Value = name });
        if (exists.ExecuteScalar() is null)
        {
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{TemplateName}\"", connection);
            create.ExecuteNonQuery();
        }

        return ConnectionStringFor(name);
    }

    public static void DropPostgresDatabase(string dataDirectory)
    {
        var name = NameFor(dataDirectory);
        using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }

    private static string NameFor(string dataDirectory)
    {
        var folder = Path.GetFileName(Path.TrimEndingDirectorySeparator(dataDirectory));
        var safe = new string(folder.Where(char.IsAsciiLetterOrDigit).ToArray()).ToLowerInvariant();
        return "coopah_t_" + (safe.Length > 40 ? safe[..40] : safe);
    }

    /// <summary>Migrates the template once per test run: CREATE DATABASE ... TEMPLATE then costs a file copy, not the migrations.</summary>
    private static void EnsureTemplate()
    {
        TemplateGate.Wait();
        try
        {
            if (_templateReady)
            {
                return;
            }

            using (var connection = new NpgsqlConnection(ConnectionStringFor("postgres")))
            {
                connection.Open();
                using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{TemplateName}\" WITH (FORCE)", connection);
                drop.ExecuteNonQuery();
                using var create = new NpgsqlCommand($"CREATE DATABASE \"{TemplateName}\"", connection);
                create.ExecuteNonQuery();
            }

            var options = new DbContextOptionsBuilder<PostgresCoopahDbContext>()
                .UseNpgsql(ConnectionStringFor(TemplateName))
                // Identity's schema version comes from the host's options, absent here; the migrations are what counts.
                .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
                .Options;
            using (var db = new PostgresCoopahDbContext(options))
            {
                db.Database.Migrate();
            }

            // A template must have no open sessions when it is copied.
            NpgsqlConnection.ClearAllPools();
            _templateReady = true;
        }
        finally
        {
            TemplateGate.Release();
        }
    }
}
