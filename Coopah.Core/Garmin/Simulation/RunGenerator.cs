namespace Coopah.Core.Garmin.Simulation;

/// <summary>
/// Runs a list of steps the way a watch with smart recording would record it: the runner's speed changes at step
/// boundaries that fall between whole seconds, samples arrive 1-8 s apart and never exactly on a lap start, and the
/// laps (one per executed step, or every <see cref="RunVariation.AutoLapMetres"/>) carry the exact totals.
/// Deterministic for a seed and a <see cref="RunVariation"/>.
/// </summary>
public static class RunGenerator
{
    private const double StartLatitude = 51.5007;
    private const double StartLongitude = -0.1246;

    public static SimulatedRun Generate(IReadOnlyList<SimulatedStep> steps, DateTime startUtc, int offsetSeconds, int seed, RunVariation? variation = null)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0)
        {
            throw new ArgumentException("A run needs at least one step.", nameof(steps));
        }

        variation ??= RunVariation.None;
        if (variation.PaceFactor <= 0 || variation.CompletedShare is <= 0 or > 1 || variation.AutoLapMetres is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(variation), "Pace factor and auto-lap distance must be positive, the completed share in (0, 1].");
        }

        var random = new Random(seed);
        var segments = BuildSegments(CutShort(steps, variation.CompletedShare), startUtc, variation.PaceFactor, random);
        var laps = variation.AutoLapMetres is { } lapMetres ? AutoLaps(segments, lapMetres) : segments;
        var samples = Sample(segments, laps, random);
        return new SimulatedRun(startUtc, offsetSeconds, samples, WithHeartRates(laps, samples));
    }

    /// <summary>The steps up to the moment the runner stops; the last one kept is shortened to end there.</summary>
    private static IReadOnlyList<SimulatedStep> CutShort(IReadOnlyList<SimulatedStep> steps, double share)
    {
        if (share >= 1)
        {
            return steps;
        }

        var left = steps.Sum(PlannedSeconds) * share;
        var kept = new List<SimulatedStep>();
        foreach (var step in steps)
        {
            var seconds = PlannedSeconds(step);
            if (seconds >= left)
            {
                kept.Add(step with { Seconds = Math.Max(1, left), Metres = null });
                break;
            }

            kept.Add(step);
            left -= seconds;
        }

        return kept;
    }

    private static double PlannedSeconds(SimulatedStep step) => step.Seconds ?? (step.Metres!.Value / step.SpeedMetresPerSecond);

    /// <summary>Exact step boundaries: each step's actual speed wobbles a little around its target (times the pace factor).</summary>
    private static List<SimulatedLap> BuildSegments(IReadOnlyList<SimulatedStep> steps, DateTime startUtc, double paceFactor, Random random)
    {
        var laps = new List<SimulatedLap>(steps.Count);
        var start = startUtc;
        var elapsed = 0.0;
        foreach (var step in steps)
        {
            var speed = step.SpeedMetresPerSecond * paceFactor * (0.97 + (random.NextDouble() * 0.06));
            var planned = step.Seconds ?? (step.Metres!.Value / speed);
            // Every boundary falls 0.2-0.8 s past a whole second of the run: the watch's samples (whole seconds) never hit it.
            var endOffset = Math.Max(Math.Floor(elapsed) + 1, Math.Floor(elapsed + planned)) + 0.2 + (random.NextDouble() * 0.6);
            var seconds = endOffset - elapsed;
            var metres = step.Metres ?? (seconds * speed);
            elapsed = endOffset;

            var end = startUtc.AddSeconds(endOffset);
            laps.Add(new SimulatedLap(start, end, metres, step.StepIndex, step.Intensity, metres / seconds, 0, 0));
            start = end;
        }

        return laps;
    }

    /// <summary>
    /// Auto-lap: a lap ends each time the distance passes a multiple of <paramref name="lapMetres"/>, at the exact
    /// moment the steps' speeds give; the last lap is whatever is left.
    /// </summary>
    private static List<SimulatedLap> AutoLaps(List<SimulatedLap> segments, double lapMetres)
    {
        var laps = new List<SimulatedLap>();
        var total = segments.Sum(s => s.DistanceMetres);
        var start = segments[0].Start;
        var startMetres = 0.0;
        // A remainder under a metre would be a lap no watch writes; it joins the last lap.
        for (var mark = lapMetres; mark < total - 1; mark += lapMetres)
        {
            var end = TimeAt(segments, mark);
            laps.Add(new SimulatedLap(start, end, mark - startMetres, null, "ACTIVE", (mark - startMetres) / (end - start).TotalSeconds, 0, 0));
            (start, startMetres) = (end, mark);
        }

        var runEnd = segments[^1].End;
        laps.Add(new SimulatedLap(start, runEnd, total - startMetres, null, "ACTIVE", (total - startMetres) / (runEnd - start).TotalSeconds, 0, 0));
        return laps;
    }

    private static DateTime TimeAt(List<SimulatedLap> segments, double metres)
    {
        var before = 0.0;
        foreach (var segment in segments)
        {
            if (before + segment.DistanceMetres >= metres)
            {
                return segment.Start.AddSeconds((metres - before) / segment.AverageSpeed);
            }

            before += segment.DistanceMetres;
        }

        return segments[^1].End;
    }

    /// <summary>Samples follow the steps' speeds (<paramref name="segments"/>) and avoid the recorded laps' starts.</summary>
    private static List<SimulatedSample> Sample(List<SimulatedLap> segments, List<SimulatedLap> laps, Random random)
    {
        var samples = new List<SimulatedSample>();
        var runStart = segments[0].Start;
        var runEnd = segments[^1].End;
        var lapStarts = laps.Select(l => WholeSeconds(l.Start, runStart)).ToHashSet();
        var t = runStart.AddSeconds(1);
        var heartRate = 95.0;
        var previous = runStart;
        while (t <= runEnd)
        {
            var lap = segments.First(l => t < l.End || l == segments[^1]);
            var distance = DistanceAt(segments, t);
            heartRate += (TargetHeartRate(lap.Intensity) - heartRate) * (1 - Math.Exp(-(t - previous).TotalSeconds / 20));
            var heading = distance / 400.0;
            samples.Add(new SimulatedSample(
                t,
                distance,
                lap.AverageSpeed * (0.98 + (random.NextDouble() * 0.04)),
                (int)Math.Round(heartRate + random.Next(-2, 3)),
                StartLatitude + (Math.Sin(heading) * 0.002),
                StartLongitude + ((1 - Math.Cos(heading)) * 0.003),
                20 + (Math.Sin(distance / 700.0) * 6)));
            previous = t;
            t = t.AddSeconds(random.Next(1, 9));
            if (lapStarts.Contains(WholeSeconds(t, runStart)))
            {
                t = t.AddSeconds(1);
            }
        }

        return samples;
    }

    /// <summary>A moment as Garmin's JSON carries it: whole seconds since the start.</summary>
    private static long WholeSeconds(DateTime t, DateTime runStart) => (long)Math.Round((t - runStart).TotalSeconds);

    private static double DistanceAt(List<SimulatedLap> laps, DateTime t)
    {
        var total = 0.0;
        foreach (var lap in laps)
        {
            if (t >= lap.End)
            {
                total += lap.DistanceMetres;
                continue;
            }

            total += lap.AverageSpeed * Math.Max(0, (t - lap.Start).TotalSeconds);
            break;
        }

        return total;
    }

    private static List<SimulatedLap> WithHeartRates(List<SimulatedLap> laps, List<SimulatedSample> samples) =>
        laps.Select(lap =>
        {
            var inLap = samples.Where(s => s.Time >= lap.Start && s.Time < lap.End).ToList();
            return inLap.Count == 0
                ? lap
                : lap with { AverageHeartRate = (int)Math.Round(inLap.Average(s => s.HeartRate)), MaxHeartRate = inLap.Max(s => s.HeartRate) };
        }).ToList();

    private static double TargetHeartRate(string intensity) => intensity switch
    {
        "INTERVAL" => 172,
        "ACTIVE" => 152,
        "RECOVERY" or "REST" => 135,
        "WARMUP" or "COOLDOWN" => 138,
        _ => 150,
    };
}
