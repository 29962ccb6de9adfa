using Coopah.Core.Garmin.Push;

namespace Coopah.Web.Data;

/// <summary>
/// One item of an acknowledged body that breaks a rule (<see cref="GarminNotificationRules"/>): it is kept here with
/// its reason for an admin, while the other items of its inbox row are applied. The inbox row is the source of truth;
/// reprocessing the row replaces its parked items.
/// </summary>
public sealed class GarminParkedItem
{
    public long Id { get; private set; }

    public long InboxId { get; private set; }

    /// <summary>The list it was in: activities, activityDetails, ...</summary>
    public string ListKey { get; private set; } = "";

    /// <summary>Its position in that list.</summary>
    public int ItemIndex { get; private set; }

    public string? GarminUserId { get; private set; }

    public string? SummaryId { get; private set; }

    public string Reason { get; private set; } = "";

    /// <summary>The item as received, cut to <see cref="GarminRejectedItem.MaxJsonChars"/> characters.</summary>
    public string ItemJson { get; private set; } = "";

    public DateTime ParkedAtUtc { get; private set; }

    public static GarminParkedItem Park(long inboxId, GarminRejectedItem item, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new GarminParkedItem
        {
            InboxId = inboxId,
            ListKey = GarminNotificationKeys.For(item.Type),
            ItemIndex = item.Index,
            GarminUserId = Cut(item.UserId, MaxIdLength),
            SummaryId = Cut(item.SummaryId, MaxIdLength),
            Reason = Cut(item.Reason, MaxReasonLength)!,
            ItemJson = item.ItemJson,
            ParkedAtUtc = now,
        };
    }

    public const int MaxReasonLength = 1000;

    private const int MaxIdLength = GarminNotificationRules.MaxIdLength;

    private static string? Cut(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
