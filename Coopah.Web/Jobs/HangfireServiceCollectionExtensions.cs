using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Coopah.Web.Jobs;

public static class HangfireServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire on in-memory storage. Nothing durable lives in the job store: inbox and outbox rows in the app
    /// database are the source of truth and are re-enqueued at start-up.
    /// </summary>
    public static WebApplicationBuilder AddCoopahHangfire(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<HeartbeatState>();
        services.AddTransient<HeartbeatJob>();

        // One storage instance per host, registered explicitly: Hangfire's default resolves the process-wide
        // JobStorage.Current, which two hosts in one process (tests, side-by-side benchmarks) would share.
        var storage = new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromDays(1) });
        services.AddHangfire((provider, config) => config
            .UseLogProvider(new HostLogProvider(provider.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(storage));
        services.RemoveAll<JobStorage>();
        services.AddSingleton<JobStorage>(storage);

        if (builder.Configuration.GetValue("Hangfire:ServerEnabled", true))
        {
            services.AddHangfireServer(options =>
            {
                options.ShutdownTimeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("Hangfire:ShutdownTimeoutSeconds", 15));
                options.SchedulePollingInterval = TimeSpan.FromSeconds(builder.Configuration.GetValue("Hangfire:SchedulePollingIntervalSeconds", 15));
                options.WorkerCount = builder.Configuration.GetValue("Hangfire:WorkerCount", Math.Max(4, Environment.ProcessorCount * 2));
            });
        }

        return builder;
    }
}
