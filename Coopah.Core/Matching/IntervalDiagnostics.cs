using Coopah.Core.Garmin.Push;

namespace Coopah.Core.Matching;

/// <summary>Baselines for the accuracy benchmark; not used by the product.</summary>
public static class IntervalDiagnostics
{
    /// <summary>
    /// Plain linear interpolation: one interval per details lap, its boundaries at the whole-second lap starts with
    /// distance and timer interpolated linearly between the samples around them (no plan, no constraints).
    /// </summary>
    public static IReadOnlyList<ExecutedInterval> LinearAtLapStarts(GarminActivityDetail details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var run = RunData.FromDetails(details, DistanceInterpolant.Linear);
        if (run is null)
        {
            return [];
        }

        var s = run.Series;
        var starts = new List<double> { 0 };
        starts.AddRange(run.Marks.Select(m => m.Lo));
        starts.Add(s.LastU);
        var phase = run.PhaseMid;
        var result = new List<ExecutedInterval>();
        for (var i = 0; i + 1 < starts.Count; i++)
        {
            var (u0, u1) = (starts[i], starts[i + 1]);
            var (avg, max) = s.HeartRateOver(u0, u1);
            result.Add(new ExecutedInterval(i, run.StartSecond + s.ClockOf(u0), Math.Max(0, u0 - phase), u1 - u0, s.ClockOf(u1) - s.ClockOf(u0),
                s.DistanceAt(u1) - s.DistanceAt(u0), avg, max, IntervalSource.DetailsInterpolated));
        }

        return result;
    }
}
