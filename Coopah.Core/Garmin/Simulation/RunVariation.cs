namespace Coopah.Core.Garmin.Simulation;

/// <summary>
/// How a simulated run departs from its steps: too fast or too slow, cut short, or recorded with the watch's
/// auto-lap instead of the workout's step laps. <see cref="None"/> runs the steps as planned.
/// </summary>
public sealed record RunVariation
{
    public static RunVariation None { get; } = new();

    /// <summary>Multiplies every step's speed: above 1 too fast, below 1 too slow (distance steps take less or more time, time steps cover more or less ground).</summary>
    public double PaceFactor { get; init; } = 1;

    /// <summary>The runner stops once this share (0-1] of the steps' planned time has passed.</summary>
    public double CompletedShare { get; init; } = 1;

    /// <summary>Laps every this many metres (the watch's auto-lap, no workout started): the laps carry no step index.</summary>
    public double? AutoLapMetres { get; init; }
}
