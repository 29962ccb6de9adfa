using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coopah.Core.Garmin.Push;

/// <summary>The notification list keys we handle (spec sections 3-4).</summary>
public enum GarminNotificationType
{
    Activities,
    ActivityDetails,
    ActivityFiles,
    ManuallyUpdatedActivities,
    Deregistrations,
    UserPermissionsChange,
}

/// <summary>
/// A push or ping body: <c>{"&lt;listKey&gt;":[ ... ]}</c>. A body may hold several keys and several users;
/// unknown keys are kept in <see cref="UnknownLists"/>.
/// </summary>
public sealed record GarminNotificationEnvelope
{
    public IReadOnlyList<GarminActivitySummary>? Activities { get; init; }

    public IReadOnlyList<GarminActivityDetail>? ActivityDetails { get; init; }

    public IReadOnlyList<GarminActivityFile>? ActivityFiles { get; init; }

    public IReadOnlyList<GarminActivitySummary>? ManuallyUpdatedActivities { get; init; }

    public IReadOnlyList<GarminDeregistration>? Deregistrations { get; init; }

    public IReadOnlyList<GarminUserPermissionsChange>? UserPermissionsChange { get; init; }

    /// <summary>List keys we do not model (moveIQActivities, Health API types, future ones).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownLists { get; set; }
}

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

/// <summary>The result of parsing one body.</summary>
/// <param name="Envelope">The typed lists.</param>
/// <param name="Items">Every item of the known lists, flattened, in list then item order.</param>
/// <param name="UnknownKeys">Top-level keys that were not recognised (to count or log).</param>
public sealed record GarminNotificationBatch(
    GarminNotificationEnvelope Envelope,
    IReadOnlyList<GarminNotificationItem> Items,
    IReadOnlyList<string> UnknownKeys);

/// <summary>A body that is not a valid Garmin notification; <see cref="Exception.Message"/> is safe to return in a 400.</summary>
public sealed class GarminPayloadException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>Names of the list keys in Garmin's bodies.</summary>
public static class GarminNotificationKeys
{
    public const string Activities = "activities";
    public const string ActivityDetails = "activityDetails";
    public const string ActivityFiles = "activityFiles";
    public const string ManuallyUpdatedActivities = "manuallyUpdatedActivities";
    public const string Deregistrations = "deregistrations";
    public const string UserPermissionsChange = "userPermissionsChange";

    /// <summary>The JSON key for a type.</summary>
    public static string For(GarminNotificationType type) => type switch
    {
        GarminNotificationType.Activities => Activities,
        GarminNotificationType.ActivityDetails => ActivityDetails,
        GarminNotificationType.ActivityFiles => ActivityFiles,
        GarminNotificationType.ManuallyUpdatedActivities => ManuallyUpdatedActivities,
        GarminNotificationType.Deregistrations => Deregistrations,
        GarminNotificationType.UserPermissionsChange => UserPermissionsChange,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The type for a JSON key (exact, case-sensitive).</summary>
    public static bool TryParse(string? key, out GarminNotificationType type)
    {
        foreach (var candidate in Enum.GetValues<GarminNotificationType>())
        {
            if (string.Equals(For(candidate), key, StringComparison.Ordinal))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }
}
