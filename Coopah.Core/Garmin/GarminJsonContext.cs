using System.Text.Json.Serialization;
using Coopah.Core.Garmin.OAuth;
using Coopah.Core.Garmin.Training;

namespace Coopah.Core.Garmin;

/// <summary>
/// Source-generated JSON for every Garmin contract: camelCase, nulls omitted on write, numbers also read from
/// strings, polymorphic steps with the "type" discriminator accepted anywhere in the object.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    PropertyNameCaseInsensitive = true,
    AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(GarminWorkout))]
[JsonSerializable(typeof(GarminWorkoutSchedule))]
[JsonSerializable(typeof(List<GarminWorkoutSchedule>))]
[JsonSerializable(typeof(GarminTokenResponse))]
[JsonSerializable(typeof(GarminUserIdResponse))]
public sealed partial class GarminJsonContext : JsonSerializerContext;

/// <summary><c>{"userId":"..."}</c>.</summary>
public sealed record GarminUserIdResponse(string? UserId);
