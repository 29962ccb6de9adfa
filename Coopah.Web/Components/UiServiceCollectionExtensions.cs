using Coopah.Web.Administration;
using MudBlazor.Services;

namespace Coopah.Web.Components;

public static class UiServiceCollectionExtensions
{
    public static WebApplicationBuilder AddCoopahUi(this WebApplicationBuilder builder)
    {
        // Demo runs from the build output outside Development, where package static assets are otherwise unmapped.
        if (builder.Environment.IsEnvironment("Demo"))
        {
            builder.WebHost.UseStaticWebAssets();
        }

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddScoped<UserAdministration>();
        return builder;
    }
}
