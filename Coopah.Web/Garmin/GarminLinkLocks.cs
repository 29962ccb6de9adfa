using System.Collections.Concurrent;

namespace Coopah.Web.Garmin;

/// <summary>
/// One lock per link: Garmin rotates refresh tokens, so two concurrent refreshes would burn the same refresh
/// token and the loser would break the link. The host is a single process, so an in-memory lock suffices.
/// </summary>
public sealed class GarminLinkLocks
{
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _locks = new();

    public SemaphoreSlim For(int linkId) => _locks.GetOrAdd(linkId, _ => new SemaphoreSlim(1, 1));
}
