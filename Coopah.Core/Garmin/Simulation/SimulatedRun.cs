namespace Coopah.Core.Garmin.Simulation;

/// <summary>A smart-recorded sample: recorded at irregular moments, never on a lap boundary.</summary>
public sealed record SimulatedSample(DateTime Time, double DistanceMetres, double SpeedMetresPerSecond, int HeartRate, double Latitude, double Longitude, double ElevationMetres);

/// <summary>Ground truth for one lap: exact (fractional) boundaries and totals; <c>StepIndex</c> is null for an auto-lap.</summary>
public sealed record SimulatedLap(DateTime Start, DateTime End, double DistanceMetres, int? StepIndex, string Intensity, double AverageSpeed, int AverageHeartRate, int MaxHeartRate)
{
    public double Seconds => (End - Start).TotalSeconds;
}

public sealed record SimulatedRun(
    DateTime StartUtc,
    int OffsetSeconds,
    IReadOnlyList<SimulatedSample> Samples,
    IReadOnlyList<SimulatedLap> Laps)
{
    public DateTime EndUtc => Laps.Count == 0 ? StartUtc : Laps[^1].End;

    public double DurationSeconds => (EndUtc - StartUtc).TotalSeconds;

    public double DistanceMetres => Laps.Sum(l => l.DistanceMetres);

    public double AverageSpeed => DurationSeconds > 0 ? DistanceMetres / DurationSeconds : 0;

    public double MaxSpeed => Samples.Count == 0 ? 0 : Samples.Max(s => s.SpeedMetresPerSecond);

    public int AverageHeartRate => Samples.Count == 0 ? 0 : (int)Math.Round(Samples.Average(s => s.HeartRate));

    public int MaxHeartRate => Samples.Count == 0 ? 0 : Samples.Max(s => s.HeartRate);
}
