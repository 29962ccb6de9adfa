using System.Net;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Coopah.Web.Tests.Sandbox;

public sealed class SandboxStartupTests
{
    [Fact]
    public void Start_SandboxEnabledInProduction_RefusesWithClearMessage()
    {
        using var factory = new ProductionFactory();

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var messages = string.Join(" | ", Flatten(error).Select(e => e.Message));
        Assert.Contains("GarminSandbox:Enabled is true in Production", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_SandboxDisabled_SandboxRoutesDoNotExist()
    {
        using var factory = new CoopahWebApplicationFactory();
        using var client = factory.CreateAnonymous();

        using var response = await client.GetAsync("/sandbox/garmin/oauth2Confirm?response_type=code&client_id=sandbox-client-id");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static IEnumerable<Exception> Flatten(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    private sealed class ProductionFactory : CoopahWebApplicationFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseSetting("GarminSandbox:Enabled", "true");
        }
    }
}
