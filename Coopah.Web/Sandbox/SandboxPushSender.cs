using System.Net.Http.Headers;
using System.Threading.Channels;
using Coopah.Core.Garmin.Push;
using Microsoft.Extensions.Options;

namespace Coopah.Web.Sandbox;

/// <summary>One delivery of a push or ping as the sandbox page lists it.</summary>
public sealed record SandboxPushDelivery(string Type, Uri Url, int Attempts, int? LastStatus, bool Delivered, DateTimeOffset FinishedAt);

/// <summary>
/// Sends Garmin-style push/ping notifications to our own webhook endpoints
/// (<c>{GarminWebhooks:BasePath}/{GarminWebhooks:PathSecret}/{type}</c>) with Garmin's header set. Like Garmin,
/// anything but 200 (or no answer within 30 s) is a failure and is retried with exponential backoff, here
/// bounded by GarminSandbox:PushMaxAttempts.
/// </summary>
public sealed partial class SandboxPushSender(
    IHttpClientFactory httpClients,
    SandboxAddress address,
    IOptions<GarminSandboxOptions> options,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<SandboxPushSender> logger)
{
    public const string HttpClientName = "GarminSandboxPush";

    private const int MaxRecent = 50;

    private readonly Channel<(string Type, ReadOnlyMemory<byte> Json)> _queue = Channel.CreateUnbounded<(string, ReadOnlyMemory<byte>)>();
    private readonly LinkedList<SandboxPushDelivery> _recent = new();
    private readonly Lock _recentGate = new();
    private readonly List<(string Type, ReadOnlyMemory<byte> Json)> _held = [];
    private bool _onHold;

    /// <summary>Garmin's "Enabled" switch: when off, queued notifications are dropped (as Garmin drops them).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Garmin's "On Hold" switch: queued notifications wait and are released, in order, when it is switched off.
    /// Applies to <see cref="Enqueue"/>; <see cref="SendAsync"/> always sends.
    /// </summary>
    public bool OnHold
    {
        get
        {
            lock (_recentGate)
            {
                return _onHold;
            }
        }

        set
        {
            List<(string Type, ReadOnlyMemory<byte> Json)> release;
            lock (_recentGate)
            {
                _onHold = value;
                if (value)
                {
                    return;
                }

                release = [.. _held];
                _held.Clear();
            }

            foreach (var item in release)
            {
                _queue.Writer.TryWrite(item);
            }
        }
    }

    /// <summary>How many notifications are waiting for <see cref="OnHold"/> to be switched off.</summary>
    public int HeldCount
    {
        get
        {
            lock (_recentGate)
            {
                return _held.Count;
            }
        }
    }

    /// <summary>The webhook URL for a notification type (e.g. "activities", "deregistrations").</summary>
    public Uri WebhookUrl(string type)
    {
        var basePath = (configuration["GarminWebhooks:BasePath"] ?? "/webhooks/garmin").Trim('/');
        var secret = configuration["GarminWebhooks:PathSecret"] ?? "";
        var path = string.IsNullOrEmpty(secret) ? $"{basePath}/{type}" : $"{basePath}/{Uri.EscapeDataString(secret)}/{type}";
        return new Uri(address.WebhookOrigin, path);
    }

    /// <summary>
    /// Delivers <paramref name="json"/> (a whole body, e.g. <c>{"activities":[...]}</c>) to the webhook for
    /// <paramref name="type"/>, retrying until a 200 or the attempts run out. Returns what happened.
    /// </summary>
    public async Task<SandboxPushDelivery> SendAsync(string type, ReadOnlyMemory<byte> json, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        var settings = options.Value;
        var url = WebhookUrl(type);
        var client = httpClients.CreateClient(HttpClientName);
        int? lastStatus = null;
        var attempts = 0;
        var delay = settings.PushInitialDelay;
        while (true)
        {
            attempts++;
            lastStatus = await TrySendAsync(client, url, json, settings, cancellationToken);
            if (lastStatus == 200 || attempts >= Math.Max(1, settings.PushMaxAttempts))
            {
                break;
            }

            LogRetry(type, attempts, lastStatus ?? 0, delay);
            await Task.Delay(delay, time, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.PushMaxDelay.Ticks));
        }

        var delivery = new SandboxPushDelivery(type, url, attempts, lastStatus, lastStatus == 200, time.GetUtcNow());
        Remember(delivery);
        if (!delivery.Delivered)
        {
            LogGaveUp(type, attempts, lastStatus ?? 0);
        }

        return delivery;
    }

    /// <summary>Queues a delivery for the background sender (for callers that must not wait, like Garmin's own side).</summary>
    public void Enqueue(string type, ReadOnlyMemory<byte> json)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        if (!Enabled)
        {
            LogDropped(type);
            return;
        }

        lock (_recentGate)
        {
            if (_onHold)
            {
                _held.Add((type, json.ToArray()));
                return;
            }
        }

        _queue.Writer.TryWrite((type, json.ToArray()));
    }

    /// <summary>The latest deliveries, newest first.</summary>
    public IReadOnlyList<SandboxPushDelivery> RecentDeliveries
    {
        get
        {
            lock (_recentGate)
            {
                return _recent.ToList();
            }
        }
    }

    internal ChannelReader<(string Type, ReadOnlyMemory<byte> Json)> Queue => _queue.Reader;

    private static async Task<int?> TrySendAsync(HttpClient client, Uri url, ReadOnlyMemory<byte> json, GarminSandboxOptions settings, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ReadOnlyMemoryContent(json) };
        foreach (var (name, value) in GarminWebhook.SenderHeaders(settings.ClientId))
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        request.Headers.TryAddWithoutValidation("x-forwarded-proto", "https");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(GarminWebhook.DeliveryTimeout);
        try
        {
            using var response = await client.SendAsync(request, timeout.Token);
            return (int)response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private void Remember(SandboxPushDelivery delivery)
    {
        lock (_recentGate)
        {
            _recent.AddFirst(delivery);
            while (_recent.Count > MaxRecent)
            {
                _recent.RemoveLast();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox push {Type}: attempt {Attempt} answered {Status}; retrying in {Delay}")]
    private partial void LogRetry(string type, int attempt, int status, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox push {Type} dropped: notifications are disabled")]
    private partial void LogDropped(string type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox push {Type} not delivered after {Attempts} attempts (last status {Status})")]
    private partial void LogGaveUp(string type, int attempts, int status);
}

/// <summary>Drains <see cref="SandboxPushSender.Enqueue"/> in the background.</summary>
internal sealed class SandboxPushWorker(SandboxPushSender sender) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (type, json) in sender.Queue.ReadAllAsync(stoppingToken))
            {
                // Deliveries run side by side, as Garmin's do; one slow endpoint does not hold up the rest.
                _ = Task.Run(() => sender.SendAsync(type, json, stoppingToken), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
