using Coopah.Web.Data;

namespace Coopah.Web.Garmin.Inbox;

/// <summary>
/// The inbox's hot SQL, one implementation per database engine: the writer's group-commit inserts and the
/// processing job's claim and body read. Everything else about the inbox goes through EF and is the same on both.
/// </summary>
public interface IGarminInboxStore
{
    /// <summary>A connection the writer keeps for its lifetime, its inserts prepared once.</summary>
    Task<IGarminInboxInsertSession> OpenInsertSessionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Takes the lease on every listed row that is Pending and not leased, counting an attempt, in one statement that
    /// returns what it took (bodies are not read here).
    /// </summary>
    Task<List<GarminInboxMessage>> ClaimAsync(IReadOnlyCollection<long> inboxIds, InboxLease lease, CancellationToken cancellationToken);

    Task<Dictionary<long, byte[]>> ReadBodiesAsync(IReadOnlyCollection<long> inboxIds, CancellationToken cancellationToken);
}

/// <summary>A claim: held until <paramref name="UntilUtc"/> by <paramref name="Owner"/>; rows leased before <paramref name="NowUtc"/> are free.</summary>
public sealed record InboxLease(DateTime NowUtc, DateTime UntilUtc, string Owner);

public interface IGarminInboxInsertSession : IAsyncDisposable
{
    /// <summary>Inserts the rows and their bodies in one transaction, every row or none, and returns their ids in order.</summary>
    Task<long[]> InsertAsync(IReadOnlyList<GarminInboxMessage> rows);

    /// <summary>What the session's commits wait for, as the engine reports it (for tests and the docs).</summary>
    string Durability { get; }
}
