namespace Coopah.Web.Sandbox;

/// <summary>
/// The built-in Garmin emulator (section "GarminSandbox"). On by default in Development and Demo; the host refuses
/// to start when it is switched on in Production.
/// </summary>
public sealed class GarminSandboxOptions
{
    public const string SectionName = "GarminSandbox";

    /// <summary>Where the sandbox routes live in this host.</summary>
    public const string RoutePrefix = "/sandbox/garmin";

    public bool Enabled { get; set; }

    /// <summary>
    /// Absolute base URL our Garmin clients and the browser use to reach the sandbox. Empty: this host's own
    /// listening address (known once Kestrel has started) plus <see cref="RoutePrefix"/>.
    /// </summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Where pushes are delivered (scheme, host, port). Empty: this host's own address.</summary>
    public Uri? WebhookBaseUrl { get; set; }

    public string ConsumerKey { get; set; } = "sandbox-consumer-key";

    public string ConsumerSecret { get; set; } = "sandbox-consumer-secret";

    public string ClientId { get; set; } = "sandbox-client-id";

    public string ClientSecret { get; set; } = "sandbox-client-secret";

    /// <summary>Evaluation-key Training API limits (spec section 5).</summary>
    public int PartnerRequestsPerMinute { get; set; } = Coopah.Core.Garmin.Training.GarminTrainingValues.EvaluationRequestsPerPartnerPerMinute;

    public int UserRequestsPerDay { get; set; } = Coopah.Core.Garmin.Training.GarminTrainingValues.EvaluationRequestsPerUserPerDay;

    /// <summary>Push deliveries: attempts before giving up (Garmin retries far longer; the sandbox stays bounded).</summary>
    public int PushMaxAttempts { get; set; } = 6;

    public TimeSpan PushInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How simulated runs reach our webhooks: Push (full bodies) or Ping (callback URLs to fetch).</summary>
    public string DeliveryMode { get; set; } = "Push";

    public TimeSpan PushMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// On first start, give the coached demo runners past weeks of their plan with runs delivered through the sandbox
    /// (see <see cref="DemoRunSeeder"/>). True in Development and Demo; the test hosts leave it off.
    /// </summary>
    public bool SeedDemoRuns { get; set; }

    /// <summary>How many past weeks of the plan the demo story covers (1-8).</summary>
    public int DemoRunWeeks { get; set; } = 4;

    /// <summary>The demo runners' e-mails to seed; empty: all coached demo runners (Cara, Dan, Eve).</summary>
    public string[]? DemoRunners { get; set; }
}
