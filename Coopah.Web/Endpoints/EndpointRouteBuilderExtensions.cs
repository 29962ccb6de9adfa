using Coopah.Web.Authorization;
using Coopah.Web.Components;
using Coopah.Web.Endpoints.Garmin;
using Coopah.Web.Endpoints.Sessions;
using Coopah.Web.Health;
using Coopah.Web.Sandbox;
using Hangfire;

namespace Coopah.Web.Endpoints;

public static class EndpointRouteBuilderExtensions
{
    /// <summary>Every route the host serves, in one list.</summary>
    public static WebApplication MapCoopahEndpoints(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
        app.MapCoopahHealth();
        app.MapGarminWebhooks();
        app.MapGarminLink();
        app.MapSessionFiles();
        app.MapGarminSandbox();
        app.MapBenchmarkEndpoints();
        app.MapHangfireDashboardWithAuthorizationPolicy(Policies.Admin, "/hangfire");
        return app;
    }
}
