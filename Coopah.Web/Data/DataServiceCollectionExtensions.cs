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
        builder.Services.AddDataProtection()
            .SetApplicationName("Coopah")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        builder.Services.AddScoped<DatabaseInitializer>();
        builder.Services.AddHostedService<SqliteCheckpointService>();
        return builder;
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
