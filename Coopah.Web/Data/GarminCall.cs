namespace Coopah.Web.Data;

/// <summary>
/// One Training API call taken from the partner budget. Garmin counts calls per partner app, not per host, so the
/// rolling window is kept in the database that every instance shares.
/// </summary>
public sealed class GarminCall
{
    public long Id { get; init; }

    public DateTime AtUtc { get; init; }
}
