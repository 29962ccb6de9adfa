using System.Globalization;
using Coopah.Web.Matching;

namespace Coopah.Web.Components.Runs;

/// <summary>One bar of the pace-per-interval chart, with its step's target band (null without one).</summary>
public sealed record PaceBar(int Number, string Label, double PaceSecondsPerKm, double? BandFast, double? BandSlow, RunState State);

/// <summary>A shaded stretch of the trace chart: one executed step on the timer axis.</summary>
public sealed record StepBand(double FromSeconds, double ToSeconds, string Label, bool Work);

/// <summary>A point of a chart line: timer seconds and a value (pace in s/km, or heart rate).</summary>
public readonly record struct ChartPoint(double Seconds, double Value);

/// <summary>
/// The numbers behind the run charts, kept apart from the SVG so they can be tested: MudBlazor's charts cannot shade
/// step boundaries or draw a target band behind a bar, so the charts are small server-rendered SVGs.
/// </summary>
public static class RunChartData
{
    /// <summary>Pace is charted over this window (s) so GPS jitter between samples does not draw spikes.</summary>
    public const double PaceWindowSeconds = 10;

    public static IReadOnlyList<PaceBar> PaceBars(IReadOnlyList<RunIntervalRow> rows) =>
        [.. rows.Select((row, i) => (row, i))
            .Where(x => x.row.PaceSecondsPerKm is { } p && double.IsFinite(p))
            .Select(x => new PaceBar(
                x.i + 1,
                x.row.Label + (x.row.RepeatNumber is { } n ? " " + n.ToString(CultureInfo.InvariantCulture) : ""),
                x.row.PaceSecondsPerKm!.Value,
                x.row.PaceFast,
                x.row.PaceSlow,
                x.row.IsAfterWorkout ? RunState.Planned : RunStates.FromColour(x.row.Colour)))];

    public static IReadOnlyList<StepBand> StepBands(IReadOnlyList<RunIntervalRow> rows) =>
        [.. rows.Select(r => new StepBand(r.StartTimerSeconds, r.StartTimerSeconds + r.TimerSeconds, r.Label,
            r.Intensity is "Interval" or "Active" && !r.IsAfterWorkout))];

    /// <summary>Pace over the trace (s/km), each point from the distance covered in the window around it; standing still is a gap.</summary>
    public static IReadOnlyList<ChartPoint> Pace(RunTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var points = new List<ChartPoint>(trace.Timer.Length);
        var n = trace.Timer.Length;
        var lo = 0;
        var hi = 0;
        for (var i = 0; i < n; i++)
        {
            var t = trace.Timer[i];
            while (lo < i && trace.Timer[lo] < t - (PaceWindowSeconds / 2))
            {
                lo++;
            }

            hi = Math.Max(hi, i);
            while (hi + 1 < n && trace.Timer[hi + 1] <= t + (PaceWindowSeconds / 2))
            {
                hi++;
            }

            var seconds = trace.Timer[hi] - trace.Timer[lo];
            var metres = trace.Distance[hi] - trace.Distance[lo];
            if (seconds > 0 && metres > 0.5)
            {
                var pace = seconds / metres * 1000;
                // Slower than 15:00 /km is walking or standing: leave it off the pace line.
                if (pace <= 900)
                {
                    points.Add(new ChartPoint(t, pace));
                }
            }
        }

        return points;
    }

    public static IReadOnlyList<ChartPoint> HeartRate(RunTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        return [.. trace.Timer.Select((t, i) => (t, hr: trace.HeartRate[i])).Where(x => x.hr is not null).Select(x => new ChartPoint(x.t, x.hr!.Value))];
    }

    /// <summary>Tick values from <paramref name="min"/> to <paramref name="max"/> at a round step (e.g. 15 s of pace, 5 min of time).</summary>
    public static IReadOnlyList<double> Ticks(double min, double max, double[] steps, int maxTicks = 6)
    {
        if (!(max > min))
        {
            return [min];
        }

        var step = steps.FirstOrDefault(s => (max - min) / s <= maxTicks, steps[^1]);
        var first = Math.Ceiling(min / step) * step;
        var ticks = new List<double>();
        for (var v = first; v <= max + 1e-9; v += step)
        {
            ticks.Add(v);
        }

        return ticks;
    }

    public static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
