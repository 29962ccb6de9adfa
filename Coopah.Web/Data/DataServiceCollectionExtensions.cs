using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Coopah.Web.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>SQLite database under the data folder (created if missing), the DbContext factory, and the key ring.</summary>
    public static WebApplicationBuilder AddCoopahData(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DataOptions.SectionName).Get<DataOptions>() ?? new DataOptions();
        var dataDirectory = Path.GetFullPath(options.DataDirectory, builder.Environment.ContentRootPath);
        Directory.CreateDirectory(dataDirectory);

        var connectionString = ResolveSqliteConnectionString(
            builder.Configuration.GetConnectionString("Coopah")
                ?? throw new InvalidOperationException("Connection string 'ConnectionStrings:Coopah' is not configured."),
            dataDirectory);

        builder.Services.Configure<DataOptions>(builder.Configuration.GetSection(DataOptions.SectionName));
        var pragmas = new SqlitePragmaInterceptor(options.SqliteSynchronous, busyTimeoutMilliseconds: 30_000);
        SqlitePragmaInterceptor.Validate(options.InboxSynchronous, "Coopah:InboxSynchronous");
        builder.Services.AddSingleton<DatabaseWriteGate>();
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
        AddKeyRing(builder, dataDirectory);
        builder.Services.AddHostedService<SqliteCheckpointService>();
        return builder;
    }

    /// <summary>
    /// The Data Protection key ring (it encrypts the Garmin tokens): in its own folder if configured, encrypted with a
    /// certificate if configured. Production refuses clear-text keys inside the data folder (see <see cref="KeyRingOptions"/>).
    /// </summary>
    private static void AddKeyRing(WebApplicationBuilder builder, string dataDirectory)
    {
        var keyRing = builder.Configuration.GetSection(KeyRingOptions.SectionName).Get<KeyRingOptions>() ?? new KeyRingOptions();
        var contentRoot = builder.Environment.ContentRootPath;
        if (builder.Environment.IsProduction() && keyRing.ProductionProblem(dataDirectory, contentRoot) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var dataProtection = builder.Services.AddDataProtection()
            .SetApplicationName("Coopah")
            .PersistKeysToFileSystem(new DirectoryInfo(keyRing.ResolveKeysDirectory(dataDirectory, contentRoot)));
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
