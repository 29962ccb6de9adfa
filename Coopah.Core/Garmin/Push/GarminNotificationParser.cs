using System.Globalization;
using System.Text.Json;

namespace Coopah.Core.Garmin.Push;

/// <summary>
/// Parses Garmin push and ping bodies in one streaming pass (no DOM for known lists). Malformed JSON, a body that
/// is not an object, a list that is not an array, a null item or an item without userId raise
/// <see cref="GarminPayloadException"/> with a reason.
/// </summary>
public static class GarminNotificationParser
{
    /// <summary>Parses a body held in memory.</summary>
    public static GarminNotificationBatch Parse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            throw new GarminPayloadException("The body is empty.");
        }

        GarminNotificationEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(body, GarminJsonContext.Default.GarminNotificationEnvelope);
        }
        catch (JsonException ex)
        {
            throw Malformed(ex);
        }

        return Flatten(envelope);
    }

    /// <summary>Parses a body from a stream (read once, not buffered twice).</summary>
    public static async Task<GarminNotificationBatch> ParseAsync(Stream body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        GarminNotificationEnvelope? envelope;
        try
        {
            envelope = await JsonSerializer.DeserializeAsync(body, GarminJsonContext.Default.GarminNotificationEnvelope, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw Malformed(ex);
        }

        return Flatten(envelope);
    }

    private static GarminPayloadException Malformed(JsonException ex)
    {
        var where = ex.LineNumber is { } line
            ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, byte {ex.BytePositionInLine + 1})")
            : string.Empty;
        var path = string.IsNullOrEmpty(ex.Path) ? string.Empty : " at " + ex.Path;
        return new GarminPayloadException("Malformed Garmin notification JSON" + path + where + ".", ex);
    }

    private static GarminNotificationBatch Flatten(GarminNotificationEnvelope? envelope)
    {
        if (envelope is null)
        {
            throw new GarminPayloadException("The body must be a JSON object, not null.");
        }

        var items = new List<GarminNotificationItem>();
        Add(items, GarminNotificationType.Activities, envelope.Activities, a => (a.UserId, a.SummaryId, a.CallbackUrl));
        Add(items, GarminNotificationType.ActivityDetails, envelope.ActivityDetails, a => (a.UserId, a.SummaryId, a.CallbackUrl));
        Add(items, GarminNotificationType.ActivityFiles, envelope.ActivityFiles, a => (a.UserId, a.SummaryId, a.CallbackUrl));
        Add(items, GarminNotificationType.ManuallyUpdatedActivities, envelope.ManuallyUpdatedActivities, a => (a.UserId, a.SummaryId, a.CallbackUrl));
        Add(items, GarminNotificationType.Deregistrations, envelope.Deregistrations, d => (d.UserId, null, null));
        Add(items, GarminNotificationType.UserPermissionsChange, envelope.UserPermissionsChange, p => (p.UserId, p.SummaryId, null));

        var unknown = new List<string>();
        if (envelope.UnknownLists is { } extra)
        {
            foreach (var (key, value) in extra)
            {
                if (value.ValueKind != JsonValueKind.Array)
                {
                    throw new GarminPayloadException($"The value of \"{key}\" must be an array.");
                }

                unknown.Add(key);
            }
        }

        return new GarminNotificationBatch(envelope, items, unknown);
    }

    private static void Add<T>(
        List<GarminNotificationItem> items,
        GarminNotificationType type,
        IReadOnlyList<T>? list,
        Func<T, (string? UserId, string? SummaryId, string? CallbackUrl)> keys)
        where T : class
    {
        if (list is null)
        {
            return;
        }

        for (var i = 0; i < list.Count; i++)
        {
            var item = list[i] ?? throw new GarminPayloadException(
                string.Create(CultureInfo.InvariantCulture, $"Item {i} of \"{GarminNotificationKeys.For(type)}\" is null."));
            var (userId, summaryId, callbackUrl) = keys(item);
            if (string.IsNullOrWhiteSpace(userId))
            {
                throw new GarminPayloadException(
                    string.Create(CultureInfo.InvariantCulture, $"Item {i} of \"{GarminNotificationKeys.For(type)}\" has no userId."));
            }

            items.Add(new GarminNotificationItem(type, i, userId, summaryId, string.IsNullOrEmpty(callbackUrl) ? null : callbackUrl, item));
        }
    }
}
