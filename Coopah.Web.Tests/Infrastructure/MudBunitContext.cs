using Bunit;
using MudBlazor.Services;

namespace Coopah.Web.Tests.Infrastructure;

/// <summary>bUnit with MudBlazor's services and loose JS interop, as MudBlazor's own tests set it up.</summary>
public sealed class MudBunitContext : BunitContext
{
    public MudBunitContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }
}
