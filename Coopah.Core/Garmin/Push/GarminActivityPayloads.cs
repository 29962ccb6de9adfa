using System.Text.Json.Serialization;

namespace Coopah.Core.Garmin.Push;

/// <summary>
/// An <c>activities</c> / <c>manuallyUpdatedActivities</c> item (spec 3.3), or its ping form
/// (<c>userId</c> + <c>callbackURL</c> only). Every field is optional in Garmin's contract.
/// </summary>
public sealed record GarminActivitySummary
{
    public string? UserId { get; init; }

    /// <summary>OAuth1-era push bodies only.</summary>
    public string? UserAccessToken { get; init; }

    public string? SummaryId { get; init; }

    /// <summary>Set on ping items.</summary>
    [JsonPropertyName("callbackURL")]
    public string? CallbackUrl { get; init; }

    /// <summary>Garmin Connect activity id (a number in practice, a string in the spec; both are accepted).</summary>
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? ActivityId { get; init; }

    public string? ActivityName { get; init; }

    public string? ActivityDescription { get; init; }

    public string? ActivityType { get; init; }

    public long? StartTimeInSeconds { get; init; }

    public long? StartTimeOffsetInSeconds { get; init; }

    public long? DurationInSeconds { get; init; }

    public double? DistanceInMeters { get; init; }

    public double? AverageSpeedInMetersPerSecond { get; init; }

    public double? MaxSpeedInMetersPerSecond { get; init; }

    public double? AveragePaceInMinutesPerKilometer { get; init; }

    public double? MaxPaceInMinutesPerKilometer { get; init; }

    public double? AverageHeartRateInBeatsPerMinute { get; init; }

    public double? MaxHeartRateInBeatsPerMinute { get; init; }

    public double? AverageRunCadenceInStepsPerMinute { get; init; }

    public double? MaxRunCadenceInStepsPerMinute { get; init; }

    public double? AverageBikeCadenceInRoundsPerMinute { get; init; }

    public double? MaxBikeCadenceInRoundsPerMinute { get; init; }

    public double? AverageSwimCadenceInStrokesPerMinute { get; init; }

    public double? NumberOfActiveLengths { get; init; }

    public double? ActiveKilocalories { get; init; }

    public string? DeviceName { get; init; }

    public double? Steps { get; init; }

    public double? StartingLatitudeInDegree { get; init; }

    public double? StartingLongitudeInDegree { get; init; }

    public double? TotalElevationGainInMeters { get; init; }

    public double? TotalElevationLossInMeters { get; init; }

    public double? Pushes { get; init; }

    public double? AveragePushCadenceInPushesPerMinute { get; init; }

    public double? MaxPushCadenceInPushesPerMinute { get; init; }

    public bool? IsParent { get; init; }

    public string? ParentSummaryId { get; init; }

    public bool? Manual { get; init; }

    public bool? IsWebUpload { get; init; }
}

/// <summary>An <c>activityDetails</c> item (spec 3.4): summary plus samples and laps.</summary>
public sealed record GarminActivityDetail
{
    public string? UserId { get; init; }

    public string? UserAccessToken { get; init; }

    /// <summary>"&lt;id&gt;-detail".</summary>
    public string? SummaryId { get; init; }

    [JsonPropertyName("callbackURL")]
    public string? CallbackUrl { get; init; }

    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? ActivityId { get; init; }

    public GarminActivitySummary? Summary { get; init; }

    public IReadOnlyList<GarminActivitySample> Samples { get; init; } = [];

    public IReadOnlyList<GarminActivityLap> Laps { get; init; } = [];
}

/// <summary>One smart-recorded sample; a value holds until the next sample.</summary>
public sealed record GarminActivitySample
{
    public long? StartTimeInSeconds { get; init; }

    public double? LatitudeInDegree { get; init; }

    public double? LongitudeInDegree { get; init; }

    public double? ElevationInMeters { get; init; }

    /// <summary>Garmin's spelling: airTemperatureCelcius.</summary>
    public double? AirTemperatureCelcius { get; init; }

    public double? HeartRate { get; init; }

    public double? SpeedMetersPerSecond { get; init; }

    public double? StepsPerMinute { get; init; }

    public double? TotalDistanceInMeters { get; init; }

    public double? TimerDurationInSeconds { get; init; }

    public double? ClockDurationInSeconds { get; init; }

    public double? MovingDurationInSeconds { get; init; }

    public double? PowerInWatts { get; init; }

    public double? BikeCadenceInRPM { get; init; }

    public double? SwimCadenceInStrokesPerMinute { get; init; }

    public double? DirectWheelchairCadence { get; init; }
}

/// <summary>A lap start (manual lap or Auto Lap).</summary>
public sealed record GarminActivityLap
{
    public long? StartTimeInSeconds { get; init; }
}

/// <summary>An <c>activityFiles</c> ping item (spec 3.5). The callbackURL can be downloaded once within 24 h.</summary>
public sealed record GarminActivityFile
{
    public string? UserId { get; init; }

    public string? UserAccessToken { get; init; }

    /// <summary>"&lt;n&gt;-file".</summary>
    public string? SummaryId { get; init; }

    /// <summary>FIT, TCX or GPX.</summary>
    public string? FileType { get; init; }

    [JsonPropertyName("callbackURL")]
    public string? CallbackUrl { get; init; }

    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? ActivityId { get; init; }

    public string? ActivityType { get; init; }

    public string? ActivityName { get; init; }

    public string? ActivityDescription { get; init; }

    public string? DeviceName { get; init; }

    public long? StartTimeInSeconds { get; init; }

    public long? StartTimeOffsetInSeconds { get; init; }

    public bool? Manual { get; init; }
}

/// <summary>A <c>deregistrations</c> item: the user revoked access (or we called DELETE registration).</summary>
public sealed record GarminDeregistration
{
    public string? UserId { get; init; }

    public string? UserAccessToken { get; init; }
}

/// <summary>A <c>userPermissionsChange</c> item: the new full permission set.</summary>
public sealed record GarminUserPermissionsChange
{
    public string? UserId { get; init; }

    public string? UserAccessToken { get; init; }

    public string? SummaryId { get; init; }

    public IReadOnlyList<string> Permissions { get; init; } = [];

    public long? ChangeTimeInSeconds { get; init; }
}
