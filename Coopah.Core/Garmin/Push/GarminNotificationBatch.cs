namespace Coopah.Core.Garmin.Push;

/// <summary>The result of parsing one body.</summary>
/// <param name="Envelope">The typed lists (valid items only).</param>
/// <param name="Items">Every valid item of the known lists, flattened, in list then item order.</param>
/// <param name="UnknownKeys">Top-level keys that were not recognised (to count or log).</param>
/// <param name="Rejected">Items that break a rule, with the reason: to be parked, never applied.</param>
public sealed record GarminNotificationBatch(
    GarminNotificationEnvelope Envelope,
    IReadOnlyList<GarminNotificationItem> Items,
    IReadOnlyList<string> UnknownKeys,
    IReadOnlyList<GarminRejectedItem> Rejected);

/// <summary>An item that breaks a rule of <see cref="GarminNotificationRules"/>, kept for an admin with its reason.</summary>
/// <param name="Type">The list it is in.</param>
/// <param name="Index">Its position in that list.</param>
/// <param name="UserId">Its userId, when it has a usable one.</param>
/// <param name="SummaryId">Its summaryId, when it has a usable one.</param>
/// <param name="Reason">Which rule it breaks.</param>
/// <param name="ItemJson">The item's JSON text as received, cut to <see cref="GarminRejectedItem.MaxJsonChars"/>.</param>
public sealed record GarminRejectedItem(GarminNotificationType Type, int Index, string? UserId, string? SummaryId, string Reason, string ItemJson)
{
    public const int MaxJsonChars = 4000;
}
