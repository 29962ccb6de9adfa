using Coopah.Web.Sandbox;
using Coopah.Web.Setup;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coopah.Web.Tests.Hosting;

/// <summary>A first start in Development, demo runs included, warns only about what a developer must act on (the printed demo passwords).</summary>
public sealed class DevelopmentStartupLogTests
{
    private static readonly string InitializerCategory = typeof(DatabaseInitializer).FullName!;

    [Fact]
    public async Task FirstStart_Development_LogsNoExpectedNoise()
    {
        var logs = new LogSink();
        var sink = logs.Entries;
        await using var factory = new DevelopmentFactory(logs);

        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/health/ready");
        // The first start includes the demo story delivered in the background; stopping the host in the middle of it
        // would log the interrupted Garmin calls, which is not what a developer sees on a first start.
        var demo = await factory.Services.GetRequiredService<DemoRunSeeder>().Completion.WaitAsync(TimeSpan.FromMinutes(3));

        Assert.Empty(demo.LeftOut);
        Assert.True(demo.Runs > 40, $"{demo.Runs} demo runs delivered");
        Assert.Equal(0, demo.Failed);
        var noise = sink.Where(e => e.Level >= LogLevel.Warning && e.Category != InitializerCategory).Select(e => $"{e.Category}: {e.Message}").ToList();
        Assert.True(noise.Count == 0, string.Join('\n', noise));
        Assert.DoesNotContain(sink, e => e.Category.StartsWith("Hangfire", StringComparison.Ordinal));
        Assert.Contains(sink, e => e.Category == InitializerCategory && e.Level == LogLevel.Warning);
    }

    /// <summary>Development with its sandbox, which in a test host is reached through the test server instead of a port.</summary>
    private sealed class DevelopmentFactory(LogSink logs) : GarminSandboxFactory
    {
        protected override bool DeliverPushesToWebhooks => true;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Development");
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        }
    }
}
