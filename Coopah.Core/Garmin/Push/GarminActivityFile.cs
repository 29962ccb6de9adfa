using System.Text.Json.Serialization;

namespace Coopah.Core.Garmin.Push;

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
