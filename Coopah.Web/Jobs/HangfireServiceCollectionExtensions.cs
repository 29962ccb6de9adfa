using Hangfire;
using Hangfire.AspNetCore;
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

        // One storage instance per host, registered explicitly: Hangfire's defaults are process-wide statics
        // (JobStorage.Current, the activator, the log provider) that two hosts in one process would share.
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
            services.AddHangfireServer((provider, options) =>
            {
                // Jobs are built from this host's container, not from the process-wide JobActivator.Current.
                options.Activator = new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>());
                options.ShutdownTimeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("Hangfire:ShutdownTimeoutSeconds", 15));
                options.SchedulePollingInterval = TimeSpan.FromSeconds(builder.Configuration.GetValue("Hangfire:SchedulePollingIntervalSeconds", 15));
                options.WorkerCount = builder.Configuration.GetValue("Hangfire:WorkerCount", Math.Max(4, Environment.ProcessorCount * 2));
            });
        }

        return builder;
    }
}
