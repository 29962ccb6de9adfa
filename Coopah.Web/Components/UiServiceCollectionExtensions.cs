using Coopah.Web.Administration;
using MudBlazor.Services;

namespace Coopah.Web.Components;

public static class UiServiceCollectionExtensions
{
    public static WebApplicationBuilder AddCoopahUi(this WebApplicationBuilder builder)
    {
        // Demo and Testing run from the build output, where package static assets (MudBlazor) are mapped
        // only through the development manifest; a published Production build carries its own.
        if (!builder.Environment.IsDevelopment() && !builder.Environment.IsProduction())
        {
            builder.WebHost.UseStaticWebAssets();
        }

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        // Bottom left: the page actions (Publish, Save) sit top right and at the bottom of editors.
        builder.Services.AddMudServices(mud => mud.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomLeft);
        builder.Services.AddScoped<UserAdministration>();
        builder.Services.AddScoped(sp => new Runs.ReviewCount(
            (user, ct) => sp.GetRequiredService<Matching.ReviewDesk>().UnreviewedCountAsync(user, ct),
            sp.GetRequiredService<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider>()));
        return builder;
    }
}
