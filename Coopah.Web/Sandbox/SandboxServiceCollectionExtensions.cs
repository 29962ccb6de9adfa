using Coopah.Core.Garmin.OAuth;
using Coopah.Web.Garmin;
using Coopah.Web.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Coopah.Web.Sandbox;

public static class SandboxServiceCollectionExtensions
{
    /// <summary>
    /// The built-in Garmin sandbox. On by default in Development and Demo (GarminSandbox:Enabled); anywhere else but
    /// the test hosts switching it on stops the host, because it would accept any "Garmin" sign-in and issue tokens freely.
    /// </summary>
    public static WebApplicationBuilder AddGarminSandbox(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(GarminSandboxOptions.SectionName);
        var enabled = section.GetValue<bool?>(nameof(GarminSandboxOptions.Enabled))
            ?? CoopahEnvironments.IsDevelopmentOrDemo(builder.Environment);
        if (DeploymentChecks.SandboxProblem(builder.Configuration, builder.Environment) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        builder.Services.AddOptions<GarminSandboxOptions>()
            .Bind(section)
            .Configure(o => o.Enabled = enabled);
        if (!enabled)
        {
            return builder;
        }

        // Our Garmin clients must hold the sandbox's credentials; they go in as configuration so the Garmin
        // options validate as they would with real keys.
        var options = section.Get<GarminSandboxOptions>() ?? new GarminSandboxOptions();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Garmin:ConsumerKey"] = options.ConsumerKey,
            ["Garmin:ConsumerSecret"] = options.ConsumerSecret,
            ["Garmin:ClientId"] = options.ClientId,
            ["Garmin:ClientSecret"] = options.ClientSecret,
        });

        var services = builder.Services;
        services.AddSingleton<SandboxAddress>();
        services.AddSingleton<IGarminEmulator, SandboxEmulator>();
        services.TryAddSingleton(sp => new OAuth1Verifier(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SandboxAccounts>();
        services.AddSingleton<SandboxOAuth1Server>();
        services.AddSingleton<SandboxOAuth2Server>();
        services.AddSingleton<SandboxTrainingStore>();
        services.AddSingleton<SandboxQuota>();
        services.AddSingleton<SandboxFaults>();
        services.AddSingleton<SandboxBackfill>();
        services.AddSingleton<SandboxFileStore>();
        services.AddSingleton<SandboxPushSender>();
        services.AddTransient<SandboxRunSimulator>();
        services.AddHostedService<SandboxPushWorker>();
        if (options.SeedDemoRuns)
        {
            services.AddSingleton<DemoRunSeeder>();
            services.AddHostedService(sp => sp.GetRequiredService<DemoRunSeeder>());
        }

        services.AddSingleton(sp => new OAuth1ReplayGuard(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SandboxRequestAuthenticator>();
        services.AddSingleton<SandboxTrainingGate>();
        services.AddHttpClient(SandboxPushSender.HttpClientName);
        return builder;
    }

    /// <summary>The sandbox's Garmin endpoints under /sandbox/garmin (only when enabled).</summary>
    public static IEndpointRouteBuilder MapGarminSandbox(this IEndpointRouteBuilder routes)
    {
        if (routes.ServiceProvider.GetService<SandboxAccounts>() is null)
        {
            return routes;
        }

        // Garmin's side is another site: its forms and server-to-server posts carry no Coopah antiforgery token,
        // and its callers are not Coopah users.
        var group = routes.MapGroup(GarminSandboxOptions.RoutePrefix)
            .AllowAnonymous()
            .DisableAntiforgery()
            .ExcludeFromDescription();
        group.MapSandboxOAuth();
        group.MapSandboxApi();
        return routes;
    }
}
