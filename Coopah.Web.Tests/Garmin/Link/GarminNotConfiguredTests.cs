using Coopah.Web.Garmin.Link;
using Coopah.Web.Tests.Infrastructure;

namespace Coopah.Web.Tests.Garmin.Link;

public sealed class GarminNotConfiguredTests(CoopahWebApplicationFactory factory) : IClassFixture<CoopahWebApplicationFactory>
{
    [Fact]
    public async Task Connect_NoGarminKeysAndNoSandbox_ReturnsToPageWithNotConfigured()
    {
        using var runner = await factory.SignInAsync(DemoLogins.RunnerEve, DemoLogins.RunnerPassword);

        var location = await GarminLinkDriver.StartAsync(runner);

        Assert.Equal("/garmin?message=" + GarminLinkMessages.NotConfigured, location.OriginalString);
    }
}
