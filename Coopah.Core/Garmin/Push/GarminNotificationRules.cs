using System.Collections.Frozen;
using System.Globalization;

namespace Coopah.Core.Garmin.Push;

/// <summary>
/// The one rule set for Garmin notification items, used by the pre-200 scan and by processing alike (both go
/// through <see cref="GarminNotificationReader"/>), so an item the endpoint acknowledges as valid is an item
/// processing can store, and an item that breaks a rule is parked on its own instead of failing its body.
/// Property names are matched exactly (Garmin sends camelCase); a known name twice, or in another case, makes the
/// item ambiguous (which <c>userId</c> is meant?), so it is rejected rather than guessed.
/// </summary>
public static class GarminNotificationRules
{
    /// <summary>JSON nesting allowed in a body (a deeper body is refused before the 200).</summary>
    public const int MaxDepth = 64;

    /// <summary>Ids are stored in 100-character columns.</summary>
    public const int MaxIdLength = 100;

    /// <summary>Start times from 1970 up to (not including) 2100-01-01T00:00:00Z.</summary>
    public const long MaxEpochSeconds = 4_102_444_800;

    /// <summary>±18 h, the widest offset ISO 8601 (and Garmin's Java back end) can express.</summary>
    public const long MaxOffsetSeconds = 18 * 3600;

    /// <summary>31 days: longer is not a recorded activity (and would not fit the stored seconds).</summary>
    public const long MaxDurationSeconds = 31L * 24 * 3600;

    /// <summary>Beats per minute beyond any human heart; the stored value is an int.</summary>
    public const double MaxHeartRate = 300;

    internal enum FieldKind
    {
        /// <summary>A non-blank string of at most <see cref="MaxIdLength"/> characters.</summary>
        Id,
        Text,
        TextOrNumber,
        EpochSeconds,
        OffsetSeconds,
        DurationSeconds,
        Number,
        NonNegativeNumber,
        HeartRate,
        Boolean,
        Summary,
        Samples,
        Laps,
        Texts,
    }

    internal sealed class Schema
    {
        private readonly FrozenDictionary<string, FieldKind> _exact;
        private readonly Dictionary<string, string> _ignoringCase;

        public Schema(params (string Name, FieldKind Kind)[] fields)
        {
            _exact = fields.ToFrozenDictionary(f => f.Name, f => f.Kind, StringComparer.Ordinal);
            _ignoringCase = fields.ToDictionary(f => f.Name, f => f.Name, StringComparer.OrdinalIgnoreCase);
            Exact = _exact.GetAlternateLookup<ReadOnlySpan<char>>();
            IgnoringCase = _ignoringCase.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public FrozenDictionary<string, FieldKind>.AlternateLookup<ReadOnlySpan<char>> Exact { get; }

        public Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> IgnoringCase { get; }
    }

    private static readonly (string, FieldKind)[] Identity =
    [
        ("userId", FieldKind.Id), ("userAccessToken", FieldKind.Text), ("summaryId", FieldKind.Id), ("callbackURL", FieldKind.Text),
    ];

    internal static readonly Schema SummaryFields = new(
    [
        .. Identity,
        ("activityId", FieldKind.TextOrNumber), ("activityName", FieldKind.Text), ("activityDescription", FieldKind.Text),
        ("activityType", FieldKind.Text), ("startTimeInSeconds", FieldKind.EpochSeconds),
        ("startTimeOffsetInSeconds", FieldKind.OffsetSeconds), ("durationInSeconds", FieldKind.DurationSeconds),
        ("distanceInMeters", FieldKind.NonNegativeNumber), ("averageSpeedInMetersPerSecond", FieldKind.NonNegativeNumber),
        ("maxSpeedInMetersPerSecond", FieldKind.NonNegativeNumber), ("averagePaceInMinutesPerKilometer", FieldKind.Number),
        ("maxPaceInMinutesPerKilometer", FieldKind.Number), ("averageHeartRateInBeatsPerMinute", FieldKind.HeartRate),
        ("maxHeartRateInBeatsPerMinute", FieldKind.HeartRate), ("averageRunCadenceInStepsPerMinute", FieldKind.Number),
        ("maxRunCadenceInStepsPerMinute", FieldKind.Number), ("averageBikeCadenceInRoundsPerMinute", FieldKind.Number),
        ("maxBikeCadenceInRoundsPerMinute", FieldKind.Number), ("averageSwimCadenceInStrokesPerMinute", FieldKind.Number),
        ("numberOfActiveLengths", FieldKind.Number), ("activeKilocalories", FieldKind.Number), ("deviceName", FieldKind.Text),
        ("steps", FieldKind.Number), ("startingLatitudeInDegree", FieldKind.Number), ("startingLongitudeInDegree", FieldKind.Number),
        ("totalElevationGainInMeters", FieldKind.Number), ("totalElevationLossInMeters", FieldKind.Number), ("pushes", FieldKind.Number),
        ("averagePushCadenceInPushesPerMinute", FieldKind.Number), ("maxPushCadenceInPushesPerMinute", FieldKind.Number),
        ("isParent", FieldKind.Boolean), ("parentSummaryId", FieldKind.Text), ("manual", FieldKind.Boolean), ("isWebUpload", FieldKind.Boolean),
    ]);

    internal static readonly Schema DetailFields = new(
    [
        .. Identity,
        ("activityId", FieldKind.TextOrNumber), ("summary", FieldKind.Summary), ("samples", FieldKind.Samples), ("laps", FieldKind.Laps),
    ]);

    internal static readonly Schema SampleFields = new(
    [
        ("startTimeInSeconds", FieldKind.EpochSeconds), ("latitudeInDegree", FieldKind.Number), ("longitudeInDegree", FieldKind.Number),
        ("elevationInMeters", FieldKind.Number), ("airTemperatureCelcius", FieldKind.Number), ("heartRate", FieldKind.Number),
        ("speedMetersPerSecond", FieldKind.Number), ("stepsPerMinute", FieldKind.Number), ("totalDistanceInMeters", FieldKind.Number),
        ("timerDurationInSeconds", FieldKind.Number), ("clockDurationInSeconds", FieldKind.Number), ("movingDurationInSeconds", FieldKind.Number),
        ("powerInWatts", FieldKind.Number), ("bikeCadenceInRPM", FieldKind.Number), ("swimCadenceInStrokesPerMinute", FieldKind.Number),
        ("directWheelchairCadence", FieldKind.Number),
    ]);

    internal static readonly Schema LapFields = new([("startTimeInSeconds", FieldKind.EpochSeconds)]);

    internal static readonly Schema FileFields = new(
    [
        .. Identity,
        ("fileType", FieldKind.Text), ("activityId", FieldKind.TextOrNumber), ("activityType", FieldKind.Text),
        ("activityName", FieldKind.Text), ("activityDescription", FieldKind.Text), ("deviceName", FieldKind.Text),
        ("startTimeInSeconds", FieldKind.EpochSeconds), ("startTimeOffsetInSeconds", FieldKind.OffsetSeconds), ("manual", FieldKind.Boolean),
    ]);

    internal static readonly Schema DeregistrationFields = new([("userId", FieldKind.Id), ("userAccessToken", FieldKind.Text)]);

    internal static readonly Schema PermissionsFields = new(
    [
        ("userId", FieldKind.Id), ("userAccessToken", FieldKind.Text), ("summaryId", FieldKind.Id),
        ("permissions", FieldKind.Texts), ("changeTimeInSeconds", FieldKind.EpochSeconds),
    ]);

    internal static Schema For(GarminNotificationType type) => type switch
    {
        GarminNotificationType.Activities or GarminNotificationType.ManuallyUpdatedActivities => SummaryFields,
        GarminNotificationType.ActivityDetails => DetailFields,
        GarminNotificationType.ActivityFiles => FileFields,
        GarminNotificationType.Deregistrations => DeregistrationFields,
        GarminNotificationType.UserPermissionsChange => PermissionsFields,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>
    /// What an item must carry besides a userId: a push of activity data needs the summaryId it is stored under,
    /// and an activity file is only ever a ping with its summaryId.
    /// </summary>
    internal static string? MissingRequired(GarminNotificationType type, string? summaryId, string? callbackUrl) => type switch
    {
        GarminNotificationType.ActivityFiles when callbackUrl is null => "has no callbackURL",
        GarminNotificationType.ActivityFiles when summaryId is null => "has no summaryId",
        GarminNotificationType.Activities or GarminNotificationType.ActivityDetails or GarminNotificationType.ManuallyUpdatedActivities
            when callbackUrl is null && summaryId is null => "has no summaryId",
        _ => null,
    };

    /// <summary>The range rule of an integer field; null when <paramref name="value"/> is allowed.</summary>
    internal static string? CheckInteger(FieldKind kind, long value) => kind switch
    {
        FieldKind.EpochSeconds when value is < 0 or >= MaxEpochSeconds => "must be between 0 and " + Invariant(MaxEpochSeconds - 1) + " (1970-2099)",
        FieldKind.OffsetSeconds when value is < -MaxOffsetSeconds or > MaxOffsetSeconds => "must be between -" + Invariant(MaxOffsetSeconds) + " and " + Invariant(MaxOffsetSeconds),
        FieldKind.DurationSeconds when value is < 0 or > MaxDurationSeconds => "must be between 0 and " + Invariant(MaxDurationSeconds),
        _ => null,
    };

    /// <summary>The range rule of a decimal field; null when <paramref name="value"/> is allowed.</summary>
    internal static string? CheckNumber(FieldKind kind, double value) => kind switch
    {
        _ when !double.IsFinite(value) => "must be a finite number",
        FieldKind.NonNegativeNumber when value < 0 => "must not be negative",
        FieldKind.HeartRate when value is < 0 or > MaxHeartRate => "must be between 0 and " + Invariant((long)MaxHeartRate),
        _ => null,
    };

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
