using Coopah.Web.Plans;

namespace Coopah.Web.Garmin.Sync;

public static class GarminSyncServiceCollectionExtensions
{
    /// <summary>Workout sync: outbox kicker, partner call budget, the sync job and its sweeps.</summary>
    public static WebApplicationBuilder AddCoopahGarminSync(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GarminSyncOptions>().BindConfiguration(GarminSyncOptions.SectionName);
        services.AddSingleton<GarminCallBudget>();
        services.AddSingleton<GarminSyncKicker>();
        services.AddSingleton<ISessionChangeObserver>(sp => sp.GetRequiredService<GarminSyncKicker>());
        services.AddTransient<GarminSyncJob>();
        services.AddTransient<GarminSyncSweepJob>();
        services.AddTransient<GarminSyncHorizonJob>();
        services.AddTransient<GarminSyncStatus>();
        return builder;
    }
}
