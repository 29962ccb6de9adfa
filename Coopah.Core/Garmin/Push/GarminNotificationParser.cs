using System.Text;
using System.Text.Json;

namespace Coopah.Core.Garmin.Push;

/// <summary>
/// Parses Garmin push and ping bodies: <see cref="GarminNotificationReader"/> applies the rules (the same pass the
/// endpoint runs before its 200), then each valid item is mapped to its record on its own. A body that cannot be
/// stored meaningfully raises <see cref="GarminPayloadException"/>; a bad item lands in
/// <see cref="GarminNotificationBatch.Rejected"/> with its reason and never holds back the others.
/// </summary>
public static class GarminNotificationParser
{
    /// <summary>Parses a body held in memory.</summary>
    public static GarminNotificationBatch Parse(ReadOnlySpan<byte> body)
    {
        var content = GarminNotificationReader.Read(body);
        var items = new List<GarminNotificationItem>(content.Items.Count);
        var rejected = new List<GarminRejectedItem>();
        var lists = new Dictionary<GarminNotificationType, List<object>>();
        // List by list, as the typed envelope reads them (activities before deregistrations), then item order.
        foreach (var slice in content.Items.OrderBy(i => i.Type))
        {
            var json = body.Slice(slice.Start, slice.Length);
            if (!slice.IsValid)
            {
                rejected.Add(Reject(slice, json, slice.Error!));
                continue;
            }

            object payload;
            try
            {
                payload = Deserialize(slice.Type, json);
            }
            catch (JsonException ex)
            {
                // The rules should have caught it; if they did not, the item is still parked alone.
                rejected.Add(Reject(slice, json, $"item {slice.Index} of '{GarminNotificationKeys.For(slice.Type)}' cannot be read: {ex.Message}"));
                continue;
            }

            items.Add(new GarminNotificationItem(slice.Type, slice.Index, slice.UserId!, slice.SummaryId, slice.CallbackUrl, payload));
            if (!lists.TryGetValue(slice.Type, out var list))
            {
                lists[slice.Type] = list = [];
            }

            list.Add(payload);
        }

        var envelope = new GarminNotificationEnvelope
        {
            Activities = List<GarminActivitySummary>(lists, GarminNotificationType.Activities),
            ActivityDetails = List<GarminActivityDetail>(lists, GarminNotificationType.ActivityDetails),
            ActivityFiles = List<GarminActivityFile>(lists, GarminNotificationType.ActivityFiles),
            ManuallyUpdatedActivities = List<GarminActivitySummary>(lists, GarminNotificationType.ManuallyUpdatedActivities),
            Deregistrations = List<GarminDeregistration>(lists, GarminNotificationType.Deregistrations),
            UserPermissionsChange = List<GarminUserPermissionsChange>(lists, GarminNotificationType.UserPermissionsChange),
        };
        return new GarminNotificationBatch(envelope, items, content.UnknownKeys, rejected);
    }

    /// <summary>Parses a body from a stream.</summary>
    public static async Task<GarminNotificationBatch> ParseAsync(Stream body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    private static object Deserialize(GarminNotificationType type, ReadOnlySpan<byte> json)
    {
        var context = GarminPushJsonContext.Default;
        object? payload = type switch
        {
            GarminNotificationType.Activities or GarminNotificationType.ManuallyUpdatedActivities =>
                JsonSerializer.Deserialize(json, context.GarminActivitySummary),
            GarminNotificationType.ActivityDetails => JsonSerializer.Deserialize(json, context.GarminActivityDetail) is { } detail
                // "samples": null is allowed (every field is optional) but the lists are never null for their readers.
                ? detail with { Samples = detail.Samples ?? [], Laps = detail.Laps ?? [] }
                : null,
            GarminNotificationType.ActivityFiles => JsonSerializer.Deserialize(json, context.GarminActivityFile),
            GarminNotificationType.Deregistrations => JsonSerializer.Deserialize(json, context.GarminDeregistration),
            GarminNotificationType.UserPermissionsChange => JsonSerializer.Deserialize(json, context.GarminUserPermissionsChange) is { } change
                ? change with { Permissions = change.Permissions ?? [] }
                : null,
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
        return payload ?? throw new JsonException("The item is null.");
    }

    /// <summary>An item that passed the rules but could not be applied (a rule gap): parked alone, never retried.</summary>
    public static GarminRejectedItem Reject(GarminNotificationItem item, string reason)
    {
        ArgumentNullException.ThrowIfNull(item);
        var json = item.Payload switch
        {
            GarminActivitySummary summary => JsonSerializer.Serialize(summary, GarminPushJsonContext.Default.GarminActivitySummary),
            GarminActivityDetail detail => JsonSerializer.Serialize(detail with { Samples = [], Laps = [] }, GarminPushJsonContext.Default.GarminActivityDetail),
            GarminActivityFile file => JsonSerializer.Serialize(file, GarminPushJsonContext.Default.GarminActivityFile),
            GarminDeregistration deregistration => JsonSerializer.Serialize(deregistration, GarminPushJsonContext.Default.GarminDeregistration),
            GarminUserPermissionsChange change => JsonSerializer.Serialize(change, GarminPushJsonContext.Default.GarminUserPermissionsChange),
            _ => "",
        };
        return new GarminRejectedItem(item.Type, item.Index, item.UserId, item.SummaryId, reason,
            json.Length > GarminRejectedItem.MaxJsonChars ? json[..GarminRejectedItem.MaxJsonChars] : json);
    }

    private static GarminRejectedItem Reject(GarminItemSlice slice, ReadOnlySpan<byte> json, string reason)
    {
        // The body is valid UTF-8; a cut inside a character only costs the preview its last character.
        var text = Encoding.UTF8.GetString(json[..Math.Min(json.Length, GarminRejectedItem.MaxJsonChars)]);
        return new GarminRejectedItem(slice.Type, slice.Index, slice.UserId, slice.SummaryId, reason,
            text.Length > GarminRejectedItem.MaxJsonChars ? text[..GarminRejectedItem.MaxJsonChars] : text);
    }

    private static List<T>? List<T>(Dictionary<GarminNotificationType, List<object>> lists, GarminNotificationType type) =>
        lists.TryGetValue(type, out var list) ? [.. list.Cast<T>()] : null;
}
