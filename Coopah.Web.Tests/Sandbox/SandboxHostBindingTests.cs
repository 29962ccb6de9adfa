using Coopah.Core.Garmin;
using Coopah.Web.Sandbox;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Coopah.Web.Tests.Sandbox;

/// <summary>
/// A hosted service that calls Garmin while the host is still starting (as the demo seeder can under load) reaches
/// its own host's sandbox: the grant it gets is one the same host's OAuth server knows, so approving it works.
/// </summary>
public sealed class SandboxHostBindingTests(SandboxHostBindingTests.EarlyCallerFactory factory) : IClassFixture<SandboxHostBindingTests.EarlyCallerFactory>
{
    [Fact]
    public async Task GarminCallDuringStartup_ReachesTheSameHostsSandbox()
    {
        _ = factory.Services;
        var token = await factory.EarlyToken.Task.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.NotNull(factory.SandboxOAuth1.FindRequestToken(token));
        Assert.NotNull(factory.SandboxOAuth1.ApproveRequestToken(token, "early-caller", null, SandboxAccounts.AllPermissions));
    }

    public sealed class EarlyCallerFactory : GarminSandboxFactory
    {
        protected override string Mode => "OAuth1";

        public TaskCompletionSource<string> EarlyToken { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override void ConfigureTestServices(IServiceCollection services)
        {
            base.ConfigureTestServices(services);
            services.AddHostedService(sp => new EarlyCaller(sp, EarlyToken));
        }
    }

    /// <summary>Asks Garmin for a request token in StartedAsync: the server listens, but the factory has not finished creating the host.</summary>
    private sealed class EarlyCaller(IServiceProvider services, TaskCompletionSource<string> result) : IHostedLifecycleService
    {
        public async Task StartedAsync(CancellationToken cancellationToken)
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                var token = await scope.ServiceProvider.GetRequiredService<GarminOAuthClient>().GetRequestTokenAsync(null, cancellationToken);
                var known = scope.ServiceProvider.GetRequiredService<SandboxOAuth1Server>().FindRequestToken(token.Token) is not null;
                result.TrySetResult(known ? token.Token : "unknown-to-this-host:" + token.Token);
            }
            catch (Exception ex) when (ex is GarminApiException or InvalidOperationException or HttpRequestException)
            {
                result.TrySetException(ex);
            }
        }

        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
