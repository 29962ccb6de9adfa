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
