using Coopah.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace Coopah.Web.Tests.Components.Layout;

public sealed class SnackbarPlacementTests
{
    [Fact]
    public async Task Snackbars_ShowBottomLeft_ClearOfThePageActions()
    {
        using var factory = new CoopahWebApplicationFactory();
        await using var scope = factory.Services.CreateAsyncScope();

        // What the circuit's ISnackbar is built from (it needs a live NavigationManager itself).
        var configuration = scope.ServiceProvider.GetRequiredService<IOptions<SnackbarConfiguration>>().Value;

        Assert.Equal(Defaults.Classes.Position.BottomLeft, configuration.PositionClass);
    }
}
