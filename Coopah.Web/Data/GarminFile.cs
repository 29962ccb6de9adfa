namespace Coopah.Web.Data;

/// <summary>An activity file downloaded once from a ping's callback URL (Garmin serves each URL only once).</summary>
public sealed class GarminFile
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public required string GarminUserId { get; set; }

    public required string SummaryId { get; set; }

    public string? ActivityId { get; set; }

    public string FileType { get; set; } = "FIT";

    public DateTime? StartTimeUtc { get; set; }

    public required byte[] Content { get; set; }

    public DateTime DownloadedAtUtc { get; set; }

    public bool NeedsMatching { get; set; }
}
