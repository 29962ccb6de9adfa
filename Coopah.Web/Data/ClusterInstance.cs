namespace Coopah.Web.Data;

/// <summary>
/// A running instance of the app, kept alive by its heartbeat. Work an instance leased (inbox rows) is released
/// early only when its heartbeat has stopped, so a restarting instance never takes rows a live one is processing.
/// </summary>
public sealed class ClusterInstance
{
    public required string Id { get; init; }

    public required string HostName { get; init; }

    public DateTime StartedAtUtc { get; init; }

    public DateTime HeartbeatAtUtc { get; private set; }

    public static ClusterInstance Start(string id, string hostName, DateTime now) =>
        new() { Id = id, HostName = hostName, StartedAtUtc = now, HeartbeatAtUtc = now };

    public void Beat(DateTime now) => HeartbeatAtUtc = now;
}
