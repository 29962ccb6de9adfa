namespace Coopah.Web.Data;

public enum InboxStatus
{
    Pending,
    Processed,

    /// <summary>Gave up after the configured number of attempts; an admin can look at it and reprocess.</summary>
    Poison,
}

/// <summary>
/// One notification body exactly as Garmin sent it, stored before we answer 200 so nothing acknowledged is lost.
/// </summary>
public sealed class GarminInboxMessage
{
    public long Id { get; set; }

    /// <summary>The endpoint it arrived on: activities, activityDetails, activityFiles, ...</summary>
    public required string Type { get; set; }

    public DateTime ReceivedAtUtc { get; set; }

    public required byte[] Body { get; set; }

    public int BodyLength { get; set; }

    public string? SourceAddress { get; set; }

    public bool IsPing { get; set; }

    public int ItemCount { get; set; }

    /// <summary>Space-separated Garmin user ids in the body, for "distinct users in the last 24 h".</summary>
    public string GarminUserIds { get; set; } = "";

    public InboxStatus Status { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTime? ProcessedAtUtc { get; set; }

    /// <summary>A worker holds the row until then, so a re-enqueued duplicate job does not process it in parallel.</summary>
    public DateTime? LeaseUntilUtc { get; set; }

    /// <summary>The instance (<see cref="ClusterInstance"/>) whose job holds the lease, so only a dead instance's leases are released early.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>Items acknowledged but not processed: unknown Garmin user or revoked link.</summary>
    public int IgnoredItemCount { get; set; }

    /// <summary>What was skipped on purpose while processing (refused callback URL, file already gone).</summary>
    public string? Warnings { get; set; }

    /// <summary>Callback URLs fetched because this ping prompted it.</summary>
    public int PullCount { get; set; }
}
