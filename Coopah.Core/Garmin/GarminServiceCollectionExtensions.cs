using Coopah.Core.Garmin.OAuth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Coopah.Core.Garmin;

/// <summary>DI registration for the Garmin integration.</summary>
public static class GarminServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="GarminClient"/> as a typed HttpClient and its helpers. Configure
    /// <see cref="GarminOptions"/> first (e.g. <c>AddOptions&lt;GarminOptions&gt;().BindConfiguration("Garmin")</c>);
    /// the options are validated when first resolved. Returns the client builder to add handlers.
    /// </summary>
    public static IHttpClientBuilder AddCoopahGarmin(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<GarminOptions>().Validate(o => o.Validate().Count == 0, "Invalid Garmin configuration.");
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRandomSource>(CryptoRandomSource.Instance);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<GarminOptions>>().Value);
        services.TryAddSingleton(sp => CallbackUrlPolicy.FromOptions(sp.GetRequiredService<GarminOptions>()));
        services.TryAddSingleton(sp => new OAuth1Signer(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IRandomSource>()));
        services.TryAddTransient<GarminTokenRefresher>();
        return services.AddHttpClient<GarminClient>();
    }
}
