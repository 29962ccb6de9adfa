namespace Coopah.Web.Garmin.Inbox;

/// <summary>How the webhook endpoints defend themselves: Garmin's pushes carry no signature.</summary>
public sealed class GarminWebhookOptions
{
    public const string SectionName = "GarminWebhooks";

    /// <summary>Routes are <c>{BasePath}/{PathSecret}/{type}</c>.</summary>
    public string BasePath { get; set; } = "/webhooks/garmin";

    /// <summary>Unguessable path segment registered in Garmin's endpoint tool; a wrong one answers 404.</summary>
    public string PathSecret { get; set; } = "";

    /// <summary>When set, the <c>garmin-client-id</c> header must equal it.</summary>
    public string? ClientId { get; set; }

    /// <summary>CIDR ranges allowed to push; empty allows every source.</summary>
    public List<string> AllowedSources { get; set; } = [];

    /// <summary>Proxies whose X-Forwarded-For we believe (CIDR ranges or single addresses).</summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Requests per minute one source may make before it gets 429.</summary>
    public int PermitsPerMinutePerSource { get; set; } = 6000;

    /// <summary>Processing attempts before a row is parked as poison for an admin to look at.</summary>
    public int MaxProcessingAttempts { get; set; } = 5;

    /// <summary>First retry delay; each further attempt waits three times longer.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long committed rows may wait to be handed to processing together. A lone push is handed over at once;
    /// during a burst one job takes everything committed in this window (up to a job's worth of rows), so the
    /// per-job and per-transaction costs are paid once per window instead of once per push.
    /// </summary>
    public TimeSpan ProcessingBatchWindow { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan CallbackDownloadTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
