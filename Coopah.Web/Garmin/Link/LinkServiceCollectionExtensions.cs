namespace Coopah.Web.Garmin.Link;

public static class LinkServiceCollectionExtensions
{
    /// <summary>Linking a runner's Garmin account (OAuth 1.0a and 2.0 PKCE) and the OAuth 1.0a to 2.0 migration.</summary>
    public static WebApplicationBuilder AddCoopahGarminLink(this WebApplicationBuilder builder)
    {
        builder.Services.AddTransient<GarminLinkService>();
        builder.Services.AddTransient<GarminOAuth1MigrationJob>();
        return builder;
    }
}
