namespace Coopah.Core.Garmin.Push;

/// <summary>
/// One item of a notification, flattened: its type, Garmin user id, summary id (null for deregistrations and
/// most pings), callbackURL for pings, and the typed payload record.
/// </summary>
/// <param name="Type">The list the item came from.</param>
/// <param name="Index">Its position in that list.</param>
/// <param name="UserId">Garmin's user id (always present; the parser rejects items without it).</param>
/// <param name="SummaryId">The summary id when the item has one.</param>
/// <param name="CallbackUrl">Set when the item is a ping; fetch it only after <see cref="CallbackUrlPolicy"/> allows it.</param>
/// <param name="Payload">
/// <see cref="GarminActivitySummary"/>, <see cref="GarminActivityDetail"/>, <see cref="GarminActivityFile"/>,
/// <see cref="GarminDeregistration"/> or <see cref="GarminUserPermissionsChange"/>.
/// </param>
public sealed record GarminNotificationItem(
    GarminNotificationType Type,
    int Index,
    string UserId,
    string? SummaryId,
    string? CallbackUrl,
    object Payload)
{
    /// <summary>True for a ping (the data must be fetched from <see cref="CallbackUrl"/>).</summary>
    public bool IsPing => CallbackUrl is not null;
}
