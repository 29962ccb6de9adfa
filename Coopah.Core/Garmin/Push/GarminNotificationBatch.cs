namespace Coopah.Core.Garmin.Push;

/// <summary>The result of parsing one body.</summary>
/// <param name="Envelope">The typed lists.</param>
/// <param name="Items">Every item of the known lists, flattened, in list then item order.</param>
/// <param name="UnknownKeys">Top-level keys that were not recognised (to count or log).</param>
public sealed record GarminNotificationBatch(
    GarminNotificationEnvelope Envelope,
    IReadOnlyList<GarminNotificationItem> Items,
    IReadOnlyList<string> UnknownKeys);
