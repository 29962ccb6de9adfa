using System.Text.Json.Serialization;

namespace Coopah.Core.Garmin.Push;

/// <summary>
/// Maps one item that <see cref="GarminNotificationReader"/> accepted to its record. Exact names and no numbers from
/// strings, as the rules say (the shared <see cref="GarminJsonContext"/> is lenient for Garmin's API answers).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false,
    MaxDepth = GarminNotificationRules.MaxDepth)]
[JsonSerializable(typeof(GarminActivitySummary))]
[JsonSerializable(typeof(GarminActivityDetail))]
[JsonSerializable(typeof(GarminActivityFile))]
[JsonSerializable(typeof(GarminDeregistration))]
[JsonSerializable(typeof(GarminUserPermissionsChange))]
[JsonSerializable(typeof(GarminNotificationEnvelope))]
public sealed partial class GarminPushJsonContext : JsonSerializerContext;
