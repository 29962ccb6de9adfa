using Coopah.Web.Sandbox;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Coopah.Web.Tests.Sandbox;

public sealed class SandboxAddressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:41234", "http://127.0.0.1:41234/sandbox/garmin/")]
    [InlineData("http://[::]:8080", "http://localhost:8080/sandbox/garmin/")]
    [InlineData("http://+:8080", "http://localhost:8080/sandbox/garmin/")]
    [InlineData("http://0.0.0.0:5000", "http://localhost:5000/sandbox/garmin/")]
    public void BaseUrl_NotConfigured_UsesListeningAddress(string listening, string expected)
    {
        var address = new SandboxAddress(Options.Create(new GarminSandboxOptions()), new FakeServer(listening));

        Assert.Equal(expected, address.BaseUrl.AbsoluteUri);
    }

    [Fact]
    public void BaseUrl_Configured_WinsOverListeningAddress()
    {
        var options = new GarminSandboxOptions { BaseUrl = new Uri("https://demo.coopah.example/sandbox/garmin") };

        var address = new SandboxAddress(Options.Create(options), new FakeServer("http://127.0.0.1:5000"));

        Assert.Equal("https://demo.coopah.example/sandbox/garmin/", address.BaseUrl.AbsoluteUri);
    }

    [Fact]
    public void BaseUrl_NoAddress_FallsBackToLocalhost()
    {
        var address = new SandboxAddress(Options.Create(new GarminSandboxOptions()), new FakeServer());

        Assert.Equal("http://localhost/sandbox/garmin/", address.BaseUrl.AbsoluteUri);
    }

    private sealed class FakeServer : IServer
    {
        public FakeServer(params string[] addresses)
        {
            var feature = new ServerAddressesFeature();
            foreach (var a in addresses)
            {
                feature.Addresses.Add(a);
            }

            Features.Set<IServerAddressesFeature>(feature);
        }

        public IFeatureCollection Features { get; } = new FeatureCollection();

        public void Dispose()
        {
        }

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
