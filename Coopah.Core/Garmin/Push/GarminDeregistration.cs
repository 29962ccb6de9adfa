namespace Coopah.Core.Garmin.Push;

/// <summary>A <c>deregistrations</c> item: the user revoked access (or we called DELETE registration).</summary>
public sealed record GarminDeregistration
{
    public string? UserId { get; init; }

    public string? UserAccessToken { get; init; }
}
