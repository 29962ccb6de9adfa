using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Npgsql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Coopah.Web.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// The app database named by <c>Database:Provider</c> (SQLite under the data folder by default, or PostgreSQL),
    /// the DbContext factory, the write gate and the key ring.
    /// </summary>
    public static WebApplicationBuilder AddCoopahData(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DataOptions.SectionName).Get<DataOptions>() ?? new DataOptions();
        var dataDirectory = Path.GetFullPath(options.DataDirectory, builder.Environment.ContentRootPath);
        Directory.CreateDirectory(dataDirectory);
        var connectionString = builder.Configuration.GetConnectionString("Coopah")
            ?? throw new InvalidOperationException("Connection string 'ConnectionStrings:Coopah' is not configured.");

        builder.Services.Configure<DataOptions>(builder.Configuration.GetSection(DataOptions.SectionName));
        SqlitePragmaInterceptor.Validate(options.InboxSynchronous, "Coopah:InboxSynchronous");
        var provider = DatabaseOptions.ProviderOf(builder.Configuration);
        builder.Services.AddSingleton(new DatabaseOptions { Provider = provider });
        // SQLite takes one writer at a time, so writers queue in-process; PostgreSQL locks rows, not the database.
        builder.Services.AddSingleton(new DatabaseWriteGate(serializeWriters: provider == DatabaseProvider.Sqlite));
        if (provider == DatabaseProvider.Postgres)
        {
            AddPostgres(builder, connectionString);
        }
        else
        {
            AddSqlite(builder, options, ResolveSqliteConnectionString(connectionString, dataDirectory));
        }

        AddKeyRing(builder, provider, dataDirectory);
        return builder;
    }

    private static void AddSqlite(WebApplicationBuilder builder, DataOptions options, string connectionString)
    {
        var pragmas = new SqlitePragmaInterceptor(options.SqliteSynchronous, busyTimeoutMilliseconds: 30_000);
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddDbContextFactory<CoopahDbContext>(db =>
        {
            db.UseSqlite(connectionString, sqlite => sqlite.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)).AddInterceptors(pragmas);
            if (development)
            {
                // EF's own SQLite table rebuilds toggle foreign keys outside the transaction; on a throw-away development
                // database that first-start warning only alarms newcomers. Elsewhere it stays.
                db.ConfigureWarnings(w => w.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning));
            }
        });
        builder.Services.AddHostedService<SqliteCheckpointService>();
    }

    /// <summary>
    /// One data source (one connection pool) for EF, the advisory locks and the inbox store. Code asks for
    /// <see cref="CoopahDbContext"/> and gets the PostgreSQL context, whose migrations are its own.
    /// </summary>
    private static void AddPostgres(WebApplicationBuilder builder, string connectionString)
    {
        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Coopah is not a PostgreSQL connection string: " + ex.Message, ex);
        }

        if (string.IsNullOrWhiteSpace(parsed.Host))
        {
            throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Coopah names no Host (it still looks like a SQLite 'Data Source').");
        }

        builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        builder.Services.AddDbContextFactory<PostgresCoopahDbContext>((services, db) => db.UseNpgsql(
            services.GetRequiredService<NpgsqlDataSource>(),
            npgsql => npgsql.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)));
        builder.Services.AddSingleton<IDbContextFactory<CoopahDbContext>>(services =>
            new BaseContextFactory(services.GetRequiredService<IDbContextFactory<PostgresCoopahDbContext>>()));
        builder.Services.AddScoped<CoopahDbContext>(services => services.GetRequiredService<IDbContextFactory<CoopahDbContext>>().CreateDbContext());
    }

    private sealed class BaseContextFactory(IDbContextFactory<PostgresCoopahDbContext> inner) : IDbContextFactory<CoopahDbContext>
    {
        public CoopahDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<CoopahDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }

    /// <summary>
    /// The Data Protection key ring (it encrypts the Garmin tokens): in its own folder if configured, encrypted with a
    /// certificate if configured. Production refuses clear-text keys inside the data folder (see <see cref="KeyRingOptions"/>).
    /// </summary>
    private static void AddKeyRing(WebApplicationBuilder builder, DatabaseProvider provider, string dataDirectory)
    {
        var keyRing = builder.Configuration.GetSection(KeyRingOptions.SectionName).Get<KeyRingOptions>() ?? new KeyRingOptions();
        var contentRoot = builder.Environment.ContentRootPath;
        if (builder.Environment.IsProduction() && keyRing.ProductionProblem(provider, dataDirectory, contentRoot) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("Coopah");
        // Instances behind a load balancer must read each other's cookies, antiforgery tokens and Garmin tokens, so
        // on PostgreSQL the ring lives in the database they share.
        _ = provider == DatabaseProvider.Postgres
            ? dataProtection.PersistKeysToDbContext<CoopahDbContext>()
            : dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keyRing.ResolveKeysDirectory(dataDirectory, contentRoot)));
        if (!string.IsNullOrWhiteSpace(keyRing.CertificatePath))
        {
            // The same certificate also decrypts: ProtectKeysWithCertificate registers it for unprotecting.
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(
                Path.GetFullPath(keyRing.CertificatePath, contentRoot), keyRing.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
            dataProtection.ProtectKeysWithCertificate(certificate);
        }
    }

    /// <summary>A relative SQLite file path is taken relative to the data folder, so the database lives there.</summary>
    internal static string ResolveSqliteConnectionString(string connectionString, string dataDirectory)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(csb.DataSource) && csb.DataSource != ":memory:" && !Path.IsPathRooted(csb.DataSource))
        {
            csb.DataSource = Path.Combine(dataDirectory, csb.DataSource);
        }

        if (Path.GetDirectoryName(csb.DataSource) is { Length: > 0 } folder && csb.DataSource != ":memory:")
        {
            Directory.CreateDirectory(folder);
        }

        return csb.ToString();
    }
}
