using System.Threading.RateLimiting;
using Coopah.Core.Garmin;
using Coopah.Web.Data;
using Microsoft.AspNetCore.Diagnostics;

namespace Coopah.Web.Garmin.Inbox;

public static class WebhookServiceCollectionExtensions
{
    public static WebApplicationBuilder AddCoopahGarminWebhooks(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GarminWebhookOptions>()
            .BindConfiguration(GarminWebhookOptions.SectionName)
            .Validate(o => o.PathSecret.Length >= 16, "GarminWebhooks:PathSecret must be set to at least 16 unguessable characters.")
            .Validate(o => o.BasePath.StartsWith('/'), "GarminWebhooks:BasePath must start with '/'.")
            .ValidateOnStart();
        services.AddSingleton<WebhookSourceGuard>();
        services.AddSingleton<GarminInboxWriter>();
        if (DatabaseOptions.ProviderOf(builder.Configuration) == DatabaseProvider.Postgres)
        {
            services.AddSingleton<IGarminInboxStore, PostgresGarminInboxStore>();
        }
        else
        {
            services.AddSingleton<IGarminInboxStore, SqliteGarminInboxStore>();
        }

        services.AddTransient<GarminNotificationIngestor>();
        // Deferred for the ingestor (see its summary): only pings and deregistrations call Garmin.
        services.AddTransient(sp => new Lazy<GarminLinkTokens>(sp.GetRequiredService<GarminLinkTokens>));
        services.AddTransient(sp => new Lazy<GarminUserClient>(sp.GetRequiredService<GarminUserClient>));
        services.AddTransient(sp => new Lazy<CallbackUrlPolicy>(sp.GetRequiredService<CallbackUrlPolicy>));
        services.AddTransient(sp => new Lazy<GarminCallbackClient>(sp.GetRequiredService<GarminCallbackClient>));
        services.AddTransient<ProcessGarminInboxJob>();
        services.AddTransient<RequeuePendingInboxJob>();
        services.AddTransient<IntegrationHealth>();

        // GarminCallbackClient (for ping callbacks) is registered by AddCoopahGarminLink.

        var permits = builder.Configuration.GetValue($"{GarminWebhookOptions.SectionName}:PermitsPerMinutePerSource", new GarminWebhookOptions().PermitsPerMinutePerSource);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                // A plain 429 for Garmin, not the portal's re-executed error page.
                if (context.HttpContext.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
                {
                    statusPages.Enabled = false;
                }

                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy(GarminWebhookEndpoints.RateLimitPolicy, context =>
            {
                var source = context.RequestServices.GetRequiredService<WebhookSourceGuard>().ResolveSource(context)?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(source, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
        });
        return builder;
    }
}
