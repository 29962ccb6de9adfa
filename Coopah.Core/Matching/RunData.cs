using Coopah.Core.Fit;
using Coopah.Core.Garmin.Push;

namespace Coopah.Core.Matching;

/// <summary>A FIT lap with its cumulative position: exact timer, elapsed and distance at its start.</summary>
internal sealed record CumulativeLap(
    int Number, int? WktStepIndex, string? Trigger, double StartTimer, double StartElapsed, double StartDistance, double Timer,
    double Elapsed, double Distance);

/// <summary>One run's samples, laps and end, from the details JSON or the FIT file, on the run axis.</summary>
internal sealed class RunData
{
    public required RunSeries Series { get; init; }

    public required List<LapMark> Marks { get; init; }

    /// <summary>Where the timer started within the first whole second (the run axis is timer + phase).</summary>
    public required (double Lo, double Hi) PhaseDomain { get; init; }

    public required RunEnd End { get; init; }

    /// <summary>Unix second the recording starts in (Garmin startTimeInSeconds, FIT session start_time).</summary>
    public required double StartSecond { get; init; }

    public required bool IsFit { get; init; }

    public List<CumulativeLap>? StepLaps { get; init; }

    public double PhaseMid => (PhaseDomain.Lo + PhaseDomain.Hi) / 2;

    public IntervalSource LapSource => IsFit ? IntervalSource.FitLaps : IntervalSource.DetailsInterpolated;

    public static RunData? FromDetails(GarminActivityDetail details, DistanceInterpolant interpolant)
    {
        var samples = details.Samples.Where(s => s.StartTimeInSeconds is not null).OrderBy(s => s.StartTimeInSeconds).ToList();
        if (samples.Count == 0)
        {
            return null;
        }

        var start = details.Summary?.StartTimeInSeconds ?? details.Laps.Select(l => l.StartTimeInSeconds).Min() ?? samples[0].StartTimeInSeconds!.Value;
        var n = samples.Count;
        var u = new double[n];
        var d = new double[n];
        var speed = new double?[n];
        var hr = new double?[n];
        var pauses = new List<RunPause>();
        double paused = 0, lastD = 0;
        int zeros = 0, ones = 0;
        for (var i = 0; i < n; i++)
        {
            var s = samples[i];
            var c = (double)(s.StartTimeInSeconds!.Value - start);
            if (i > 0 && s.TimerDurationInSeconds is { } t1 && samples[i - 1].TimerDurationInSeconds is { } t0)
            {
                // Whole-second timer values: a clock gap the timer did not follow is a pause (integer-rounded).
                var gap = c - (samples[i - 1].StartTimeInSeconds!.Value - start);
                var jump = Math.Round(gap - (t1 - t0));
                // The start record is stamped on the whole start second with timer 0, but the timer runs from the
                // start phase: one second of lag after it means the phase is in the second half, not a pause.
                var fromStartRecord = samples[i - 1].StartTimeInSeconds == start && t0 == 0;
                if (jump >= (fromStartRecord ? 2 : 1))
                {
                    var at = u[i - 1] + Math.Min(0.5, Math.Max(0, gap - jump));
                    pauses.Add(new RunPause(at, jump));
                    paused += jump;
                }
            }

            u[i] = Math.Max(0, c - paused);
            if (s.TimerDurationInSeconds is { } timer && c > 0)
            {
                // timer = round(c - paused - phase): the rounding tells which half of the second the timer started in.
                var diff = Math.Round(c - paused - timer);
                if (diff == 0)
                {
                    zeros++;
                }
                else if (diff == 1)
                {
                    ones++;
                }
            }

            lastD = Math.Max(lastD, s.TotalDistanceInMeters ?? lastD);
            d[i] = lastD;
            speed[i] = s.SpeedMetersPerSecond;
            hr[i] = s.HeartRate;
        }

        var phaseDomain = zeros + ones == 0 ? (0.0, 0.999) : ones > zeros ? (0.5, 0.999) : (0.0, 0.5);
        var series = new RunSeries(u, d, speed, hr, pauses, interpolant);
        var marks = new List<LapMark>();
        var lapStarts = details.Laps.Select(l => l.StartTimeInSeconds).OfType<long>().Distinct().Order().ToList();
        foreach (var l in lapStarts)
        {
            var c = (double)(l - start);
            if (c <= 0)
            {
                continue; // the first lap starts with the run
            }

            marks.Add(new LapMark(marks.Count + 1, series.UOfClock(c), series.UOfClock(c + 1), null, null));
        }

        var lastU = series.LastU;
        var duration = details.Summary?.DurationInSeconds;
        var total = Math.Max(details.Summary?.DistanceInMeters ?? lastD, lastD);
        var end = new RunEnd(
            phase =>
            {
                // The last sample is the last whole second before the stop; the summary's duration is the rounded timer.
                var lo = lastU;
                var hi = lastU + 1;
                if (duration is { } dur)
                {
                    var lo2 = Math.Max(lo, dur - 0.5 + phase);
                    var hi2 = Math.Min(hi, dur + 0.5 + phase);
                    if (hi2 >= lo2)
                    {
                        return (lo2, hi2);
                    }
                }

                return (lo, hi);
            },
            total,
            null);
        return new RunData
        {
            Series = series, Marks = marks, PhaseDomain = phaseDomain, End = end, StartSecond = start, IsFit = false,
        };
    }

    public static RunData? FromFit(FitActivity fit, DistanceInterpolant interpolant)
    {
        var laps = fit.Laps.Where(l => l.StartTime is not null && l.TotalTimerTime is not null).OrderBy(l => l.StartTime)
            .ThenBy(l => l.MessageIndex).ToList();
        var session = fit.Sessions.FirstOrDefault();
        var startTime = session?.StartTime ?? laps.FirstOrDefault()?.StartTime ?? fit.Records.FirstOrDefault(r => r.HasTimestamp).Time;
        if (startTime is null || (laps.Count == 0 && fit.Records.Count == 0))
        {
            return null;
        }

        var start = new DateTimeOffset(DateTime.SpecifyKind(startTime.Value, DateTimeKind.Utc)).ToUnixTimeSeconds();
        double Clock(DateTime t) => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)).ToUnixTimeMilliseconds() / 1000.0 - start;

        // Cumulative counters from the laps: exact to the file's resolution (ms, cm).
        var cum = new List<CumulativeLap>();
        long tMs = 0, eMs = 0, dCm = 0;
        double phaseLo = 0, phaseHi = 0.999;
        foreach (var l in laps)
        {
            var lt = (long)Math.Round(l.TotalTimerTime!.Value * 1000);
            var le = (long)Math.Round((l.TotalElapsedTime ?? l.TotalTimerTime.Value) * 1000);
            var ld = (long)Math.Round((l.TotalDistance ?? 0) * 100);
            cum.Add(new CumulativeLap(cum.Count + 1, l.WktStepIndex, l.LapTrigger, tMs / 1000.0, eMs / 1000.0, dCm / 100.0, lt / 1000.0,
                le / 1000.0, ld / 100.0));

            // start_time = floor(timer start + elapsed so far): each lap narrows the start phase.
            var lo = Clock(l.StartTime!.Value) - eMs / 1000.0;
            if (lo > -1 && lo < 1)
            {
                var newLo = Math.Max(phaseLo, lo);
                var newHi = Math.Min(phaseHi, lo + 0.999);
                if (newHi >= newLo)
                {
                    phaseLo = newLo;
                    phaseHi = newHi;
                }
            }

            tMs += lt;
            eMs += le;
            dCm += ld;
        }

        var phase = (phaseLo + phaseHi) / 2;

        // Pauses: from the timer events; a lap holding one pause gives its exact length (elapsed - timer).
        var pauses = new List<RunPause>();
        var clockPaused = 0.0;
        foreach (var p in fit.Pauses)
        {
            var c0 = Clock(p.Start) + 0.5;
            var length = (p.End - p.Start).TotalSeconds;
            var lap = cum.FirstOrDefault(l => c0 >= phase + l.StartElapsed && c0 < phase + l.StartElapsed + l.Elapsed);
            if (lap is not null && lap.Elapsed - lap.Timer > 1e-3
                && fit.Pauses.Count(q => Math.Abs(Clock(q.Start) + 0.5 - (phase + lap.StartElapsed + lap.Elapsed / 2)) <= lap.Elapsed / 2 + 0.5) == 1)
            {
                length = lap.Elapsed - lap.Timer;
            }

            pauses.Add(new RunPause(c0 - clockPaused, length));
            clockPaused += length;
        }

        var records = fit.Records.Where(r => r.HasTimestamp).ToList();
        var n = records.Count;
        var u = new double[n];
        var d = new double[n];
        var speed = new double?[n];
        var hr = new double?[n];
        double lastD = 0;
        for (var i = 0; i < n; i++)
        {
            var c = Clock(records[i].Time!.Value);
            var before = 0.0;
            foreach (var p in pauses)
            {
                if (p.At + before < c)
                {
                    before += p.Length;
                }
            }

            u[i] = Math.Max(0, c - before);
            lastD = Math.Max(lastD, records[i].DistanceMeters ?? lastD);
            d[i] = lastD;
            speed[i] = records[i].Speed;
            hr[i] = records[i].HeartRateBpm;
        }

        var series = new RunSeries(u, d, speed, hr, pauses, interpolant);

        // Sharper phase: where the records' distance curve reaches each lap's exact start distance, minus its exact
        // timer (u = timer + phase). Only where the runner is moving, so the curve pins the time down.
        var estimates = new List<double>();
        foreach (var l in cum.Skip(1))
        {
            if (series.UAtDistance(l.StartDistance, 0) is { } at
                && series.DistanceAt(at + 0.5) - series.DistanceAt(at - 0.5) > 1.5)
            {
                estimates.Add(at - l.StartTimer);
            }
        }

        if (estimates.Count > 0)
        {
            estimates.Sort();
            phase = Math.Clamp(estimates[estimates.Count / 2], phaseLo, phaseHi);
        }

        var marks = cum.Skip(1).Select(l => new LapMark(l.Number - 1, l.StartTimer + phase, l.StartTimer + phase, l.StartTimer, l.StartDistance))
            .ToList();
        var totalTimer = session?.TotalTimerTime ?? tMs / 1000.0;
        var totalDistance = session?.TotalDistance ?? dCm / 100.0;
        if (cum.Count > 0)
        {
            // Lap totals sum to the session: the laps are the better counter.
            totalTimer = tMs / 1000.0;
            totalDistance = dCm / 100.0;
        }

        var end = new RunEnd(ph => (totalTimer + ph, totalTimer + ph), Math.Max(totalDistance, 0), totalTimer);
        return new RunData
        {
            Series = series, Marks = marks, PhaseDomain = (phase, phase), End = end, StartSecond = start, IsFit = true,
            StepLaps = cum.Count > 0 ? cum : null,
        };
    }
}

/// <summary>Recognises auto-laps: laps that start a uniform distance (1 km or 1 mile) after the previous lap.</summary>
internal static class AutoLaps
{
    private static readonly double[] Lengths = [1000, 1609.344];

    public static void Classify(IReadOnlyList<LapMark> marks, RunSeries series)
    {
        foreach (var length in Lengths)
        {
            var hits = 0;
            var lastD = 0.0;
            var auto = new bool[marks.Count];
            var at = new double[marks.Count];
            for (var i = 0; i < marks.Count; i++)
            {
                var m = marks[i];
                var lo = m.ExactDistance ?? series.DistanceAt(m.Lo);
                var hi = m.ExactDistance ?? series.DistanceAt(m.Hi);
                var tolerance = m.IsExact ? 0.02 : 1.0;
                if (lastD + length >= lo - tolerance && lastD + length <= hi + tolerance)
                {
                    auto[i] = true;
                    at[i] = lastD + length;
                    hits++;
                    lastD += length;
                }
                else
                {
                    lastD = m.ExactDistance ?? series.DistanceAt(m.Mid);
                }
            }

            if (hits >= 2)
            {
                for (var i = 0; i < marks.Count; i++)
                {
                    marks[i].Auto = auto[i];
                    marks[i].AutoDistance = auto[i] ? at[i] : null;
                }

                return;
            }
        }
    }
}
