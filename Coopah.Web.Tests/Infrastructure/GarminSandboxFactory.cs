using System.Collections.Concurrent;
using System.Net;
using Coopah.Core.Garmin;
using Coopah.Web.Authorization;
using Coopah.Web.Data;
using Coopah.Web.Sandbox;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Coopah.Web.Tests.Infrastructure;

/// <summary>
/// The host with the Garmin sandbox switched on. Our Garmin API clients reach the sandbox over HTTP through the
/// in-memory TestServer (its primary handler forwards there), so signatures, tokens and redirects are real.
/// Pushes go to <see cref="PushResponder"/>, which records them (the webhook endpoints are another issue's).
/// </summary>
public class GarminSandboxFactory : CoopahWebApplicationFactory
{
    public GarminSandboxFactory()
    {
    }

    /// <inheritdoc cref="CoopahWebApplicationFactory(string, bool)"/>
    protected GarminSandboxFactory(string dataDirectory, bool ownsDataDirectory)
        : base(dataDirectory, ownsDataDirectory)
    {
    }

    protected virtual string Mode => "OAuth2";

    /// <summary>A fake clock (starting now) instead of the system one, for expiry, refresh and quota tests.</summary>
    protected virtual bool UseFakeClock => false;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Send the sandbox's pushes to our real webhook endpoints instead of recording them.</summary>
    protected virtual bool DeliverPushesToWebhooks => false;

    public ConcurrentQueue<RecordedPush> Pushes { get; } = new();

    /// <summary>What the "webhook" answers to a push; 200 by default.</summary>
    public Func<HttpStatusCode> PushResponder { get; set; } = () => HttpStatusCode.OK;

    public SandboxAccounts SandboxAccounts => Services.GetRequiredService<SandboxAccounts>();

    public SandboxOAuth1Server SandboxOAuth1 => Services.GetRequiredService<SandboxOAuth1Server>();

    public SandboxOAuth2Server SandboxOAuth2 => Services.GetRequiredService<SandboxOAuth2Server>();

    public SandboxTrainingStore SandboxTraining => Services.GetRequiredService<SandboxTrainingStore>();

    public SandboxQuota SandboxQuota => Services.GetRequiredService<SandboxQuota>();

    public SandboxFaults SandboxFaults => Services.GetRequiredService<SandboxFaults>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("GarminSandbox:Enabled", "true");
        builder.UseSetting("GarminSandbox:PushInitialDelay", "00:00:00.010");
        builder.UseSetting("GarminSandbox:PushMaxDelay", "00:00:00.050");
        builder.UseSetting("Garmin:Mode", Mode);
    }

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        // Each host's clients go to that host's own TestServer. The factory's Server property is only set once
        // the host has started, and a hosted service (the demo seeder) can call Garmin before then: reading
        // Server at that moment makes the factory build a second host, whose sandbox knows none of this host's
        // request tokens or codes (the seeder's intermittent "link: denied" / "link: garmin-rejected").
        services.AddHttpClient(GarminHttpTransport.HttpClientName).ConfigurePrimaryHttpMessageHandler(sp => new TestServerForwarder(() => OwnServer(sp)));
        services.AddHttpClient(SandboxPushSender.HttpClientName).ConfigurePrimaryHttpMessageHandler(sp =>
            DeliverPushesToWebhooks ? new TestServerForwarder(() => OwnServer(sp)) : new PushRecorder(this));
        if (UseFakeClock)
        {
            services.AddSingleton<TimeProvider>(Clock);
        }
    }

    private TestServer OwnServer(IServiceProvider services) => services.GetRequiredService<IServer>() as TestServer ?? Server;

    /// <summary>A new runner account (so tests in one class never share a link).</summary>
    public async Task<(string UserId, HttpClient Client)> NewRunnerAsync(string email)
    {
        const string password = "Runner!2026test";
        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Runner)).Succeeded);
        }

        var client = await this.SignInAsync(email, password);
        await using var lookup = Services.CreateAsyncScope();
        var id = (await lookup.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email))!.Id;
        return (id, client);
    }

    public sealed record RecordedPush(string Path, string Body, IReadOnlyDictionary<string, string> Headers);

    internal sealed class TestServerForwarder(Func<TestServer> server) : HttpMessageHandler
    {
        private HttpMessageInvoker? _invoker;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _invoker ??= new HttpMessageInvoker(server().CreateHandler());
            return _invoker.SendAsync(request, cancellationToken);
        }
    }

    private sealed class PushRecorder(GarminSandboxFactory factory) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // Raw values: parsing would split "Garmin Health API" into product tokens.
            var headers = request.Headers.NonValidated.Concat(request.Content!.Headers.NonValidated)
                .ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            factory.Pushes.Enqueue(new RecordedPush(request.RequestUri!.AbsolutePath, await request.Content.ReadAsStringAsync(cancellationToken), headers));
            return new HttpResponseMessage(factory.PushResponder());
        }
    }
}

public sealed class GarminOAuth1SandboxFactory : GarminSandboxFactory
{
    protected override string Mode => "OAuth1";
}

public sealed class FakeClockSandboxFactory : GarminSandboxFactory
{
    protected override bool UseFakeClock => true;
}
