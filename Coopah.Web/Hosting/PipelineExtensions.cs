using Coopah.Web.Setup;
using Coopah.Web.Jobs;
using Coopah.Web.Garmin.Inbox;
using Coopah.Web.Garmin.Sync;
using Coopah.Web.Matching;
using Hangfire;

namespace Coopah.Web.Hosting;

public static class PipelineExtensions
{
    public static WebApplication UseCoopahPipeline(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.UseMigrationsEndPoint();
        }
        else
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRateLimiter();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>Migrates and seeds before the first request, then registers recurring jobs.</summary>
    public static async Task InitializeCoopahAsync(this WebApplication app)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        }

        RecurringJobs.Register(app.Services.GetRequiredService<IRecurringJobManager>());

        // The safety net: re-enqueue whatever the inbox still holds and the job store does not (an in-memory store
        // starts empty; a durable one keeps its queued and scheduled jobs), including rows a killed process had leased.
        await using var requeueScope = app.Services.CreateAsyncScope();
        await requeueScope.ServiceProvider.GetRequiredService<RequeuePendingInboxJob>().RunAsync(CancellationToken.None);

        // Same for the workout-sync outbox.
        await requeueScope.ServiceProvider.GetRequiredService<GarminSyncSweepJob>().RunAsync(CancellationToken.None);

        // And for runs delivered but not yet matched.
        await requeueScope.ServiceProvider.GetRequiredService<MatchingSweepJob>().RunAsync(CancellationToken.None);
    }
}
