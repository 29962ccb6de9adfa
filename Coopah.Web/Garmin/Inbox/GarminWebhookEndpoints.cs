using Coopah.Core.Garmin;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Coopah.Core.Garmin.Push;
using Coopah.Web.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Coopah.Web.Garmin.Inbox;

/// <summary>
/// Garmin's push and ping endpoints. A request gets exactly 200 only once its raw body is in the inbox table;
/// all processing happens afterwards in <see cref="ProcessGarminInboxJob"/>, because Garmin retries anything
/// but a fast 200.
/// </summary>
public static class GarminWebhookEndpoints
{
    public const string RateLimitPolicy = "garmin-webhooks";

    private static readonly HashSet<string> Types = new(GarminNotificationKeys.All, StringComparer.Ordinal);

    public static IEndpointRouteBuilder MapGarminWebhooks(this IEndpointRouteBuilder routes)
    {
        var basePath = routes.ServiceProvider.GetRequiredService<IOptions<GarminWebhookOptions>>().Value.BasePath.TrimEnd('/');
        routes.MapPost(basePath + "/{secret}/{type}", ReceiveAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(RateLimitPolicy)
            .WithName("GarminWebhook");
        return routes;
    }

    internal static async Task<Results<Ok, NotFound, UnauthorizedHttpResult, ForbidHttpResult, BadRequest<string>, StatusCodeHttpResult>> ReceiveAsync(
        string secret,
        string type,
        HttpContext context,
        IOptions<GarminWebhookOptions> options,
        WebhookSourceGuard sources,
        GarminInboxWriter inbox,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        // Garmin gets our status codes as they are, never the portal's re-executed error pages.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }

        var settings = options.Value;
        if (!SecretMatches(secret, settings.PathSecret) || !Types.Contains(type))
        {
            return TypedResults.NotFound();
        }

        var source = sources.ResolveSource(context);
        if (!sources.IsAllowed(source))
        {
            return TypedResults.Forbid();
        }

        if (!string.IsNullOrEmpty(settings.ClientId)
            && !GarminWebhook.IsClientIdValid(context.Request.Headers[GarminWebhook.ClientIdHeader], settings.ClientId))
        {
            return TypedResults.Unauthorized();
        }

        var limit = type == GarminNotificationKeys.ActivityDetails ? GarminWebhook.ActivityDetailsMaxBodyBytes : GarminWebhook.DefaultMaxBodyBytes;
        byte[]? body;
        GarminBodyScan scan;
        try
        {
            body = await ReadBodyAsync(context, limit, cancellationToken);
            if (body is null)
            {
                return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }

            scan = GarminBodyScanner.Scan(body);
        }
        catch (GarminPayloadException ex)
        {
            return TypedResults.BadRequest(ex.Message);
        }

        var message = new GarminInboxMessage
        {
            Type = type,
            Body = body,
            BodyLength = body.Length,
            ReceivedAtUtc = time.GetUtcNow().UtcDateTime,
            SourceAddress = source?.ToString(),
            IsPing = scan.HasCallbackUrls,
            ItemCount = scan.ItemCount,
            GarminUserIds = string.Join(' ', scan.UserIds),
            Status = InboxStatus.Pending,
        };

        // Returns once the row is committed (group commit with concurrent requests); the writer then enqueues
        // its processing job, and the start-up and sweep jobs re-enqueue any Pending row whose enqueue was lost.
        await inbox.AppendAsync(message, cancellationToken);
        return TypedResults.Ok();
    }

    private static bool SecretMatches(string candidate, string expected) =>
        !string.IsNullOrEmpty(expected)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), Encoding.UTF8.GetBytes(expected));

    /// <summary>
    /// Reads the (possibly gzip- or deflate-encoded) body into one array, sized from Content-Length when it is
    /// known so the bytes are copied once; null when the body, decompressed, exceeds <paramref name="limit"/>.
    /// </summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context, long limit, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (request.ContentLength > limit)
        {
            return null;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            // Kestrel counts a chunked body's framing (sizes and CRLFs) against this limit, so a body just under our
            // limit in 64 KiB chunks was refused. Our limit is on the decoded body, which ReadUpToAsync counts; for a
            // body without Content-Length, Kestrel's wire limit only stops absurd framing (or a compressed stream that
            // never produces bytes), so it gets room for it.
            sizeFeature.MaxRequestBodySize = request.ContentLength is null ? 2 * limit : limit;
        }

        var encoding = request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
        var compressed = encoding is "gzip" or "x-gzip" or "deflate";
        if (!compressed && encoding is not ("" or "identity"))
        {
            throw new GarminPayloadException($"Unsupported Content-Encoding '{encoding}'.");
        }

        try
        {
            await using var source = encoding switch
            {
                "gzip" or "x-gzip" => new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
                "deflate" => new ZLibStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
                _ => request.Body,
            };
            var capacity = !compressed && request.ContentLength is { } length ? (int)length : 64 * 1024;
            return await ReadUpToAsync(source, capacity, limit, exactCapacity: !compressed && request.ContentLength is not null, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        catch (InvalidDataException ex)
        {
            throw new GarminPayloadException($"The body is not valid {encoding} data.", ex);
        }
    }

    private static async Task<byte[]?> ReadUpToAsync(Stream source, int capacity, long limit, bool exactCapacity, CancellationToken cancellationToken)
    {
        var buffer = new byte[Math.Max(capacity, exactCapacity ? 0 : 1)];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (exactCapacity)
                {
                    // Content-Length was honest only if nothing follows.
                    var probe = new byte[1];
                    return await source.ReadAsync(probe, cancellationToken) == 0 ? buffer : null;
                }

                if (buffer.Length >= limit)
                {
                    return await source.ReadAsync(new byte[1], cancellationToken) == 0 ? buffer : null;
                }

                Array.Resize(ref buffer, (int)Math.Min(limit, (long)buffer.Length * 2));
            }

            var read = await source.ReadAsync(buffer.AsMemory(total), cancellationToken);
            if (read == 0)
            {
                return total == buffer.Length ? buffer : buffer.AsSpan(0, total).ToArray();
            }

            total += read;
        }
    }
}
