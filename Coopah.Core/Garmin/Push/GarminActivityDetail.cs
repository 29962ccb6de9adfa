using System.Text.Json.Serialization;

namespace Coopah.Core.Garmin.Push;

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
