using Coopah.Core.Garmin;
using Microsoft.Extensions.Options;

namespace Coopah.Web.Garmin;

public static class GarminServiceCollectionExtensions
{
    /// <summary>
    /// Garmin options (section "Garmin"), the Garmin API clients and the runner's tokens. With the sandbox on, the
    /// client talks to it: every base URL becomes the sandbox's and the sandbox's credentials are used.
    /// </summary>
    public static WebApplicationBuilder AddCoopahGarminClient(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GarminOptions>().BindConfiguration(GarminOptions.SectionName);

        // Transient, not the Core default singleton: the sandbox address is known only once Kestrel listens
        // (tests use a random port), so every new Garmin client reads it afresh.
        services.AddTransient(sp =>
        {
            var options = sp.GetRequiredService<IOptions<GarminOptions>>().Value;
            return sp.GetService<IGarminEmulator>() is { } emulator ? emulator.Redirect(options) : options;
        });
        // Same reason: the webhook side checks callbackURLs against the sandbox's real address.
        services.AddTransient(sp => CallbackUrlPolicy.FromOptions(sp.GetRequiredService<GarminOptions>()));
        services.AddCoopahGarmin();

        services.AddSingleton<GarminTokenProtector>();
        services.AddTransient<GarminLinkTokens>();
        return builder;
    }
}
