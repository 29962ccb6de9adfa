using Coopah.Core.Garmin.OAuth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Coopah.Core.Garmin;

/// <summary>DI registration for the Garmin integration.</summary>
public static class GarminServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Garmin API clients (<see cref="GarminOAuthClient"/>, <see cref="GarminUserClient"/>,
    /// <see cref="GarminTrainingClient"/>, <see cref="GarminCallbackClient"/>) over one <see cref="GarminHttpTransport"/>
    /// and its helpers. Configure <see cref="GarminOptions"/> first (e.g.
    /// <c>AddOptions&lt;GarminOptions&gt;().BindConfiguration("Garmin")</c>); the options are validated when first
    /// resolved. Returns the builder of the one named HttpClient they all share, to add or replace handlers.
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
        var http = services.AddHttpClient(GarminHttpTransport.HttpClientName);
        // Transient like a typed client: each resolution gets a fresh HttpClient from the factory (handlers are
        // pooled there) and reads GarminOptions afresh.
        services.TryAddTransient(sp => new GarminHttpTransport(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(GarminHttpTransport.HttpClientName),
            sp.GetRequiredService<GarminOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IRandomSource>()));
        services.TryAddTransient<GarminOAuthClient>();
        services.TryAddTransient<GarminUserClient>();
        services.TryAddTransient<GarminTrainingClient>();
        services.TryAddTransient<GarminCallbackClient>();
        return http;
    }
}
