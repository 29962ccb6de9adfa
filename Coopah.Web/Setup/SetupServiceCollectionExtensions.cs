namespace Coopah.Web.Setup;

public static class SetupServiceCollectionExtensions
{
    /// <summary>The start-up initializer: migrations, plan templates, roles and (when enabled) the demo accounts.</summary>
    public static WebApplicationBuilder AddCoopahSetup(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<DatabaseInitializer>();
        return builder;
    }
}
