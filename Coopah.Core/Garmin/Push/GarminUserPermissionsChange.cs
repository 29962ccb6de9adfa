namespace Coopah.Core.Garmin.Push;

/// <summary>A <c>userPermissionsChange</c> item: the new full permission set.</summary>
public sealed record GarminUserPermissionsChange
{
    public string? UserId { get; init; }

    public string? UserAccessToken { get; init; }

    public string? SummaryId { get; init; }

    public IReadOnlyList<string> Permissions { get; init; } = [];

    public long? ChangeTimeInSeconds { get; init; }
}
