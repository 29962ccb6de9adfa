using MudBlazor;

namespace Coopah.Web.Components.Layout;

public static class CoopahTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0f766e",
            Secondary = "#f97316",
            AppbarBackground = "#0f766e",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#2dd4bf",
            Secondary = "#fb923c",
        },
    };
}
