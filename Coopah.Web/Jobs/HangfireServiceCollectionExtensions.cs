using Coopah.Web.JobStore;
using Coopah.Web.Data;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SQLite;

namespace Coopah.Web.Jobs;

public static class HangfireServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire on the store named by <c>Hangfire:Storage</c>: SQLite (default; its own file, so scheduled retries,
    /// debounced runs and history survive a restart) or in-memory. Durability never depends on it: inbox and
    /// outbox rows in the app database are the source of truth and are re-enqueued at start-up when the store
    /// does not already hold their jobs (<see cref="JobStoreInventory"/>).
    /// </summary>
    public static WebApplicationBuilder AddCoopahHangfire(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<HeartbeatState>();
        services.AddTransient<HeartbeatJob>();
        services.AddSingleton<JobStoreInventory>();

        var options = builder.Configuration.GetSection(HangfireOptions.SectionName).Get<HangfireOptions>() ?? new HangfireOptions();
        var provider = DatabaseOptions.ProviderOf(builder.Configuration);
        var storage = options.StorageFor(provider);
        var errors = options.Validate(provider).ToList();
        var databasePath = HangfireDatabasePath(builder, options);
        if (storage == HangfireStorageKind.SQLite && provider == DatabaseProvider.Sqlite && databasePath == AppDatabasePath(builder))
        {
            errors.Add("Hangfire:DatabaseFile must not be the app database: the job store's locks would stall the webhook writes.");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", errors));
        }

        services.AddSingleton(options);

        // One storage instance per host, registered explicitly: Hangfire's defaults are process-wide statics
        // (JobStorage.Current, the activator, the log provider) that two hosts in one process would share.
        services.AddHangfire((provider, config) => config
            .UseLogProvider(new HostLogProvider(provider.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(provider.GetRequiredService<JobStorage>()));
        services.RemoveAll<JobStorage>();
        services.AddSingleton<JobStorage>(_ => storage switch
        {
            HangfireStorageKind.SQLite => CreateSqliteStorage(databasePath, options),
            HangfireStorageKind.PostgreSql => CreatePostgreSqlStorage(builder.Configuration.GetConnectionString("Coopah")!, options),
            _ => new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromDays(1) }),
        });

        if (options.ServerEnabled)
        {
            services.AddHangfireServer((provider, server) =>
            {
                // Jobs are built from this host's container, not from the process-wide JobActivator.Current.
                server.Activator = new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>());
                server.ShutdownTimeout = TimeSpan.FromSeconds(options.ShutdownTimeoutSeconds);
                server.SchedulePollingInterval = TimeSpan.FromSeconds(options.SchedulePollingIntervalSeconds);
                server.WorkerCount = options.WorkerCount;
            });
        }

        return builder;
    }

    private static SQLiteStorage CreateSqliteStorage(string databasePath, HangfireOptions options)
    {
        var storageOptions = new SQLiteStorageOptions
        {
            QueuePollInterval = options.QueuePollInterval,
            InvisibilityTimeout = options.InvisibilityTimeout,
            DistributedLockLifetime = options.DistributedLockLifetime,
        };
        return new SQLiteStorage(new SQLiteDbConnectionFactory(() =>
        {
            var connection = new SQLiteConnection(databasePath, SQLiteOpenFlags.ReadWrite | SQLiteOpenFlags.Create | SQLiteOpenFlags.NoMutex, storeDateTimeAsTicks: true)
            {
                BusyTimeout = TimeSpan.FromSeconds(10),
            };
            // The store is not the source of truth (pending inbox and outbox rows are re-enqueued at start-up), so
            // its many small commits need not each wait for a disk sync; in WAL mode NORMAL still survives kill -9.
            connection.ExecuteScalar<string>("PRAGMA synchronous=NORMAL");
            return connection;
        }), storageOptions);
    }

    /// <summary>
    /// The job store every instance shares. Workers wait on LISTEN/NOTIFY (long polling) rather than a poll, so an
    /// enqueue on one instance wakes a worker on any; a sliding invisibility timeout lets a killed instance's job come
    /// back within minutes while a long job that is still alive keeps its claim.
    /// </summary>
    private static PostgreSqlStorage CreatePostgreSqlStorage(string connectionString, HangfireOptions options)
    {
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            EnableLongPolling = true,
            QueuePollInterval = options.QueuePollInterval,
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = options.InvisibilityTimeout,
            DistributedLockTimeout = TimeSpan.FromMinutes(1),
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions);
    }

    private static string HangfireDatabasePath(WebApplicationBuilder builder, HangfireOptions options) =>
        Path.GetFullPath(options.DatabaseFile, DataDirectory(builder));

    private static string AppDatabasePath(WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Coopah") ?? "";
        var resolved = DataServiceCollectionExtensions.ResolveSqliteConnectionString(connectionString, DataDirectory(builder));
        var dataSource = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(resolved).DataSource;
        return string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" ? "" : Path.GetFullPath(dataSource);
    }

    private static string DataDirectory(WebApplicationBuilder builder)
    {
        var data = builder.Configuration.GetSection(DataOptions.SectionName).Get<DataOptions>() ?? new DataOptions();
        var directory = Path.GetFullPath(data.DataDirectory, builder.Environment.ContentRootPath);
        Directory.CreateDirectory(directory);
        return directory;
    }
}
