using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Coopah.Core.Garmin;
using Coopah.Core.Plans;
using Coopah.Web.Data;
using Coopah.Web.Garmin;
using Coopah.Web.Garmin.Inbox;
using Coopah.Web.Garmin.Sync;
using Coopah.Web.Plans;
using Coopah.Web.Tests.Garmin.Sync;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Cluster;

/// <summary>
/// One of two in-process instances on one PostgreSQL database and one shared Hangfire store, whatever
/// COOPAH_TEST_DATABASE says: what a load-balanced deployment looks like. Instance A owns the database and is "Garmin"
/// (its sandbox holds the state); B's Garmin client is forwarded to A's sandbox, so both talk to one Garmin.
/// </summary>
public sealed class TwoInstanceFactory : GarminSyncFactory
{
    private readonly TwoInstanceFactory? _garmin;

    public TwoInstanceFactory()
    {
        Name = "A";
        Grants = new TokenGrantCounter();
    }

    private TwoInstanceFactory(TwoInstanceFactory garmin)
        : base(garmin.DataDirectory, ownsDataDirectory: false)
    {
        _garmin = garmin;
        Name = "B";
        Grants = garmin.Grants;
    }

    public string Name { get; }

    /// <summary>Token grants asked of the one sandbox by either instance.</summary>
    public TokenGrantCounter Grants { get; }

    protected override bool UsePostgres => true;

    protected override string HangfireStorage => "PostgreSql";

    /// <summary>Inbox rows this instance's workers claimed, to see how the deliveries were shared out.</summary>
    public ConcurrentQueue<long> ClaimedInboxIds { get; } = new();

    public GarminLinkTokens Tokens => Services.GetRequiredService<GarminLinkTokens>();

    public GarminTokenProtector Protector => Services.GetRequiredService<GarminTokenProtector>();

    public GarminSyncKicker Kicker => Services.GetRequiredService<GarminSyncKicker>();

    /// <summary>The second instance, on this one's database and Garmin; start this one first.</summary>
    public TwoInstanceFactory CreateSecondInstance() => new(this);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Matching:Debounce", "00:00:00");
        builder.UseSetting("GarminWebhooks:PermitsPerMinutePerSource", "100000");
        builder.UseSetting("GarminSandbox:SeedDemoRuns", "false");
    }

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        base.ConfigureTestServices(services);
        var garmin = services.AddHttpClient(GarminHttpTransport.HttpClientName).AddHttpMessageHandler(() => new CountingHandler(Grants));
        // The real store, recording what this instance's claims took.
        services.AddSingleton<PostgresGarminInboxStore>();
        services.AddSingleton<IGarminInboxStore>(sp => new ClaimRecorder(sp.GetRequiredService<PostgresGarminInboxStore>(), ClaimedInboxIds));
        if (_garmin is { } a)
        {
            // Configured after the base's: the last primary handler wins, so B's calls reach A's sandbox.
            garmin.ConfigurePrimaryHttpMessageHandler(() => new TestServerForwarder(() => a.Server));
        }
    }

    /// <summary>A runner signed up and linked through this instance (the sandbox consent is this instance's).</summary>
    public async Task<(string RunnerId, string GarminUserId)> LinkedRunnerAsync(string name)
    {
        var (runnerId, client) = await NewRunnerAsync(name + "@two.test");
        using (client)
        {
            Assert.Equal("linked", await GarminLinkDriver.LinkAsync(client, login: name + "-garmin"));
        }

        return (runnerId, await QueryAsync(db => db.GarminLinks.Where(l => l.UserId == runnerId).Select(l => l.GarminUserId).SingleAsync()));
    }

    public async Task<int> AddSessionAsync(string runnerId, DateOnly date, int minutes, string name = "Easy run")
    {
        var result = await Calendar.AddSessionAsync(runnerId, new SessionEdit(
            date, name, SessionKind.Easy, [new WorkoutStep(StepIntensity.Active, StepDuration.Minutes(minutes), StepTarget.Open)]));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result.SessionId!.Value;
    }

    /// <summary>Posts an activities body to this instance's webhook the way Garmin does and expects the 200.</summary>
    public async Task PushActivitiesAsync(string json)
    {
        using var client = CreateClient();
        using var response = await client.PostAsync(
            $"/webhooks/garmin/{WebhookSecret}/activities", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public sealed class TokenGrantCounter
    {
        private int _refreshes;

        public int Refreshes => Volatile.Read(ref _refreshes);

        internal void Refreshed() => Interlocked.Increment(ref _refreshes);
    }

    private sealed class ClaimRecorder(IGarminInboxStore inner, ConcurrentQueue<long> claimed) : IGarminInboxStore
    {
        public Task<IGarminInboxInsertSession> OpenInsertSessionAsync(CancellationToken cancellationToken) => inner.OpenInsertSessionAsync(cancellationToken);

        public async Task<List<GarminInboxMessage>> ClaimAsync(IReadOnlyCollection<long> inboxIds, InboxLease lease, CancellationToken cancellationToken)
        {
            var rows = await inner.ClaimAsync(inboxIds, lease, cancellationToken);
            foreach (var row in rows)
            {
                claimed.Enqueue(row.Id);
            }

            return rows;
        }

        public Task<Dictionary<long, byte[]>> ReadBodiesAsync(IReadOnlyCollection<long> inboxIds, CancellationToken cancellationToken) =>
            inner.ReadBodiesAsync(inboxIds, cancellationToken);
    }

    /// <summary>Counts refresh_token grants on their way to the sandbox, from whichever instance.</summary>
    private sealed class CountingHandler(TokenGrantCounter counter) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post
                && request.RequestUri!.AbsolutePath.EndsWith("/oauth/token", StringComparison.Ordinal)
                && request.Content is { } content
                && (await content.ReadAsStringAsync(cancellationToken)).Contains("grant_type=refresh_token", StringComparison.Ordinal))
            {
                counter.Refreshed();
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
