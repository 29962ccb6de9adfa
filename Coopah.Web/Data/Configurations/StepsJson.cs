using System.Text.Json;
using Coopah.Core.Plans;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Coopah.Web.Data.Configurations;

/// <summary>Stores a step tree as one JSON column using the Core types' own System.Text.Json contract.</summary>
internal static class StepsJson
{
    public static ValueConverter<IReadOnlyList<StepNode>, string> Converter { get; } = new(
        steps => Serialize(steps),
        json => Deserialize(json));

    // Step nodes are immutable records with value equality, so comparing sequences is enough for change tracking.
    public static ValueComparer<IReadOnlyList<StepNode>> Comparer { get; } = new(
        (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
        steps => steps.Aggregate(0, (hash, node) => HashCode.Combine(hash, node)),
        steps => steps.ToList());

    public static string Serialize(IReadOnlyList<StepNode> steps) => JsonSerializer.Serialize(steps);

    public static IReadOnlyList<StepNode> Deserialize(string json) =>
        JsonSerializer.Deserialize<IReadOnlyList<StepNode>>(json) ?? [];
}
