using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coopah.Core.Garmin.Push;

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
