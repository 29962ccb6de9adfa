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
