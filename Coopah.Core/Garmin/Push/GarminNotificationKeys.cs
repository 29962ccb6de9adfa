namespace Coopah.Core.Garmin.Push;

/// <summary>Names of the list keys in Garmin's bodies.</summary>
public static class GarminNotificationKeys
{
    public const string Activities = "activities";
    public const string ActivityDetails = "activityDetails";
    public const string ActivityFiles = "activityFiles";
    public const string ManuallyUpdatedActivities = "manuallyUpdatedActivities";
    public const string Deregistrations = "deregistrations";
    public const string UserPermissionsChange = "userPermissionsChange";

    /// <summary>Every type we subscribe to, in <see cref="GarminNotificationType"/> order: the webhook routes and the integration health check.</summary>
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<GarminNotificationType>().Select(For).ToArray();

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

    /// <summary>The type whose key equals <paramref name="key"/> ignoring case (to explain why it was not read).</summary>
    public static bool TryParseIgnoringCase(string? key, out GarminNotificationType type)
    {
        foreach (var candidate in Enum.GetValues<GarminNotificationType>())
        {
            if (string.Equals(For(candidate), key, StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }
}
