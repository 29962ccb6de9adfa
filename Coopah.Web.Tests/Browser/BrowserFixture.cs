using Coopah.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coopah.Web.Tests.Browser;

/// <summary>
/// The portal on a real loopback Kestrel port and Debian's Chromium driven by Playwright
/// (the test script installs /usr/bin/chromium; Playwright's own browser download is not used).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public CoopahWebApplicationFactory Factory { get; } = new BrowserAppFactory();

    public IBrowser Browser { get; private set; } = default!;

    public Uri BaseAddress { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run ./test.sh, which installs Debian's chromium.");
        }

        Factory.UseKestrel(0);
        Factory.StartServer();
        BaseAddress = Factory.ServerAddress;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString() });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Factory.DisposeAsync();
    }
}

/// <summary>The browser tests' host: the Garmin sandbox on, reached over the real Kestrel port like in Development.</summary>
public sealed class BrowserAppFactory : CoopahWebApplicationFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("GarminSandbox:Enabled", "true");
        builder.UseSetting("GarminSandbox:PushMaxAttempts", "2");
    }
}
