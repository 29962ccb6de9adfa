namespace Coopah.Core.Garmin.Push;

/// <summary>What the request path needs to know about a body before acknowledging it.</summary>
/// <param name="ItemCount">Items of the known lists, valid or not.</param>
/// <param name="HasCallbackUrls">Whether a valid item is a ping.</param>
/// <param name="UserIds">The Garmin users of the valid items.</param>
/// <param name="RejectedItemCount">Items that break a rule: acknowledged, then parked by processing with their reason.</param>
public sealed record GarminBodyScan(int ItemCount, bool HasCallbackUrls, IReadOnlySet<string> UserIds, int RejectedItemCount);

/// <summary>
/// The pre-200 check of a body: the same <see cref="GarminNotificationReader"/> pass processing uses, without
/// building objects, so even a 100 MB activityDetails body is validated cheaply. A body that cannot be stored
/// meaningfully raises <see cref="GarminPayloadException"/>; bad items do not, because Garmin would re-send the
/// good items with them for days.
/// </summary>
public static class GarminBodyScanner
{
    public static GarminBodyScan Scan(ReadOnlySpan<byte> body)
    {
        var content = GarminNotificationReader.Read(body);
        var userIds = new HashSet<string>(StringComparer.Ordinal);
        var hasCallbacks = false;
        var rejected = 0;
        foreach (var item in content.Items)
        {
            if (!item.IsValid)
            {
                rejected++;
                continue;
            }

            userIds.Add(item.UserId!);
            hasCallbacks |= item.CallbackUrl is not null;
        }

        return new GarminBodyScan(content.Items.Count, hasCallbacks, userIds, rejected);
    }
}
