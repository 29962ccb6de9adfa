using System.Net;
using Coopah.Web.Tests.Infrastructure;

namespace Coopah.Web.Tests.Jobs;

/// <summary>
/// Issue 15, item 11: Hangfire answers a GET to its POST-only <c>/stats</c> with an exception (its behaviour, kept);
/// outside Development the visitor gets the generic error page, never the exception or its stack trace.
/// </summary>
public sealed class HangfireErrorPageTests
{
    [Theory]
    [InlineData("Testing")]
    [InlineData("Demo")]
    [InlineData("Production")]
    public async Task GetStats_AsAdmin_ErrorPageShowsNoStackTrace(string environment)
    {
        using var certificate = new TempCertificate();
        var settings = environment == "Production" ? DeployedFactory.ProductionSettings(certificate) : [];
        // Demo's appsettings seed demo runs through the sandbox; not needed here.
        settings["GarminSandbox:SeedDemoRuns"] = "false";
        using var factory = new DeployedFactory(environment, settings);
        using var admin = await factory.SignInAsync(DemoLogins.Admin, DemoLogins.AdminPassword);

        using var response = await admin.GetAsync("/hangfire/stats");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("An error occurred while processing your request.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Incorrect Content-Type", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Hangfire.Dashboard", body, StringComparison.Ordinal);
    }
}
