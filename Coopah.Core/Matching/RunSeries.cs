namespace Coopah.Core.Matching;

/// <summary>How distance is interpolated between samples.</summary>
public enum DistanceInterpolant
{
    /// <summary>Straight lines between samples.</summary>
    Linear,

    /// <summary>Fritsch-Carlson monotone cubic: follows accelerations without ever running backwards.</summary>
    MonotoneCubic,

    /// <summary>
    /// Monotone cubic, except across a smart-recording gap whose end speeds differ: smart recording skips ticks while
    /// the speed stays near the last kept one, so the speed is held and changes only shortly before the next kept
    /// sample. The gap becomes "hold the first speed, then ramp linearly to the second", with the ramp's start
    /// chosen so the distance matches exactly.
    /// </summary>
    SpeedAware,
}

/// <summary>A pause on the run axis: the timer stops at <see cref="At"/> for <see cref="Length"/> seconds.</summary>
internal readonly record struct RunPause(double At, double Length);

/// <summary>
/// The run's samples on the "run axis" u = clock seconds since the whole start second minus the pauses before
/// (so u = timer + start phase): the timer axis without needing the phase, which is solved later. Distance is a
/// monotone function of u; pauses are zero-length on this axis.
/// </summary>
internal sealed class RunSeries
{
    private readonly double[] _u;
    private readonly double[] _d;
    private readonly double[] _slope;
    private readonly double[] _rampStart;
    private readonly DistanceInterpolant _interpolant;

    public RunSeries(
        double[] u, double[] d, double?[] speed, double?[] heartRate, IReadOnlyList<RunPause> pauses, DistanceInterpolant interpolant)
    {
        _u = u;
        _d = d;
        Speed = speed;
        HeartRate = heartRate;
        Pauses = pauses;
        _interpolant = interpolant;
        _slope = interpolant == DistanceInterpolant.Linear ? [] : FritschCarlson(u, d);
        _rampStart = interpolant == DistanceInterpolant.SpeedAware ? RampStarts(u, d, speed) : [];
    }

    public IReadOnlyList<double> U => _u;

    public IReadOnlyList<double> D => _d;

    public IReadOnlyList<double?> Speed { get; }

    public IReadOnlyList<double?> HeartRate { get; }

    public IReadOnlyList<RunPause> Pauses { get; }

    public int Count => _u.Length;

    public double LastU => _u.Length == 0 ? 0 : _u[^1];

    public double LastD => _d.Length == 0 ? 0 : _d[^1];

    /// <summary>Clock seconds (since the whole start second) of run-axis point u; a pause at u counts as after it.</summary>
    public double ClockOf(double u)
    {
        var c = u;
        foreach (var p in Pauses)
        {
            if (p.At < u)
            {
                c += p.Length;
            }
        }

        return c;
    }

    /// <summary>Run-axis point of a clock time; a time inside a pause maps to the pause.</summary>
    public double UOfClock(double clock)
    {
        var paused = 0.0;
        foreach (var p in Pauses)
        {
            var start = p.At + paused;
            if (clock <= start)
            {
                break;
            }

            if (clock < start + p.Length)
            {
                return p.At;
            }

            paused += p.Length;
        }

        return clock - paused;
    }

    /// <summary>Distance at u (held flat before the first and after the last sample).</summary>
    public double DistanceAt(double u)
    {
        if (_u.Length == 0)
        {
            return 0;
        }

        if (u <= _u[0])
        {
            return _d[0];
        }

        if (u >= _u[^1])
        {
            return _d[^1];
        }

        var i = Segment(u);
        return Eval(i, u);
    }

    /// <summary>
    /// Distance at a step change at <paramref name="u"/> that falls in a smart-recording gap across which the speed
    /// changes. The watch kept no tick while the speed stayed near the previous one, so the runner held a steady speed
    /// until <paramref name="reaction"/> after the step change and then moved towards the next level (the response of
    /// <see cref="SpeedChangeOnset"/>). The held speed is the one that covers the gap's exact distance; a single noisy
    /// speed sample would bias it. Elsewhere the interpolant's distance.
    /// </summary>
    public double DistanceAtStepChange(double u, double reaction)
    {
        if (_u.Length < 2 || u <= _u[0] || u >= _u[^1])
        {
            return DistanceAt(u);
        }

        var i = Segment(u);
        return HeldSpeedBeforeChange(i, u + reaction) is { } held
            ? Math.Clamp(_d[i] + held * (u - _u[i]), _d[i], _d[i + 1])
            : Eval(i, u);
    }

    /// <summary>
    /// The speed held in segment i before a speed change starting at <paramref name="onset"/>, when the segment is a
    /// smart-recording gap with different speeds at its ends and no pause; null otherwise.
    /// </summary>
    private double? HeldSpeedBeforeChange(int i, double onset)
    {
        if (_interpolant != DistanceInterpolant.SpeedAware)
        {
            return null;
        }

        var (a, b) = (_u[i], _u[i + 1]);
        if (b - a < 1.5 || onset <= a || onset >= b || Speed[i] is not { } before || Speed[i + 1] is not { } after
            || Math.Abs(after - before) < 0.15 || Pauses.Any(p => p.At > a && p.At < b))
        {
            return null;
        }

        var level = SettledSpeed(onset + 4, onset + 9, from: b) ?? after;
        var gap = _d[i + 1] - _d[i];
        double lo = 0, hi = 2 * Math.Max(gap / (b - a), Math.Max(before, after)) + 1;
        for (var k = 0; k < 40; k++)
        {
            var held = (lo + hi) / 2;
            if (held * (onset - a) + ResponseDistance(held, level, b - onset) < gap)
            {
                lo = held;
            }
            else
            {
                hi = held;
            }
        }

        return (lo + hi) / 2;
    }

    /// <summary>Median speed of the samples in [<paramref name="start"/>, <paramref name="end"/>] at or after <paramref name="from"/>.</summary>
    private double? SettledSpeed(double start, double end, double from)
    {
        var speeds = new List<double>();
        for (var i = 0; i < _u.Length && _u[i] <= end; i++)
        {
            if (_u[i] >= Math.Max(start, from) && Speed[i] is { } v)
            {
                speeds.Add(v);
            }
        }

        speeds.Sort();
        return speeds.Count > 0 ? speeds[speeds.Count / 2] : null;
    }

    /// <summary>Distance covered in <paramref name="seconds"/> while the speed responds from one level to another.</summary>
    private static double ResponseDistance(double from, double to, double seconds)
    {
        const double dt = 0.02;
        double v = from, distance = 0;
        for (var t = 0.0; t < seconds; t += dt)
        {
            var step = Math.Min(dt, seconds - t);
            var pull = (to - v) * step / ResponseTimeConstant;
            var limit = (pull > 0 ? AccelerationLimit : BrakingLimit) * step;
            var next = v + Math.Clamp(pull, -limit, limit);
            distance += (v + next) / 2 * step;
            v = next;
        }

        return distance;
    }

    /// <summary>First u at or after <paramref name="from"/> where the distance reaches <paramref name="target"/>; null if never.</summary>
    public double? UAtDistance(double target, double from)
    {
        if (_u.Length == 0 || target > _d[^1] + 1e-9)
        {
            return null;
        }

        if (DistanceAt(from) >= target)
        {
            return from;
        }

        var i = Math.Max(0, Segment(Math.Max(from, _u[0])));
        while (i < _u.Length - 1 && _d[i + 1] < target)
        {
            i++;
        }

        if (i >= _u.Length - 1)
        {
            return _u[^1];
        }

        // Bisection inside the segment: the interpolant is monotone there, so this converges to the first crossing.
        var lo = Math.Max(_u[i], from);
        var hi = _u[i + 1];
        for (var k = 0; k < 60 && hi - lo > 1e-7; k++)
        {
            var mid = (lo + hi) / 2;
            if (Eval(i, mid) >= target)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return hi;
    }

    /// <summary>Time constant of a runner's speed response to a new target pace (s).</summary>
    internal const double ResponseTimeConstant = 1.1;

    /// <summary>
    /// A runner's acceleration and braking limits (m/s²): a big pace change starts as a straight ramp at the limit and
    /// only its tail is exponential. Ignoring the ramp dates every onset late by a few tenths of a second.
    /// </summary>
    internal const double AccelerationLimit = 1.15;

    internal const double BrakingLimit = 1.6;

    /// <summary>
    /// When the runner's speed started to change near <paramref name="around"/>: the speed samples on the way from
    /// the level before to the settled level after are fitted with a first-order response (time constant ~1.1 s)
    /// whose rate is capped by the runner's acceleration limit, each giving a start time; their mean. Null when there
    /// is no clear change or too few samples.
    /// </summary>
    public double? SpeedChangeOnset(double around)
    {
        int? before = null;
        for (var i = 0; i < _u.Length && _u[i] <= around; i++)
        {
            before = i;
        }

        if (before is not { } b || Speed[b] is not { } from)
        {
            return null;
        }

        var settled = new List<double>();
        for (var i = b + 1; i < _u.Length && _u[i] <= around + 9; i++)
        {
            if (_u[i] >= around + 5 && Speed[i] is { } v)
            {
                settled.Add(v);
            }
        }

        if (settled.Count == 0)
        {
            return null;
        }

        settled.Sort();
        var to = settled[settled.Count / 2];
        var change = to - from;
        if (Math.Abs(change) < 0.4)
        {
            return null;
        }

        double sum = 0;
        var n = 0;
        for (var i = b + 1; i < _u.Length && _u[i] <= around + 4; i++)
        {
            if (Speed[i] is not { } v)
            {
                continue;
            }

            var f = (v - from) / change;
            if (f is >= 0.1 and <= 0.85)
            {
                sum += _u[i] - TimeIntoResponse(f, change);
                n++;
            }
        }

        return n > 0 ? sum / n : null;
    }

    /// <summary>
    /// Seconds after the onset at which a response to a speed change of <paramref name="change"/> has covered the
    /// fraction <paramref name="fraction"/>: at the rate limit while the first-order pull would exceed it, exponential after.
    /// </summary>
    internal static double TimeIntoResponse(double fraction, double change)
    {
        var magnitude = Math.Abs(change);
        var limit = change > 0 ? AccelerationLimit : BrakingLimit;
        var rampEnds = Math.Max(0, 1 - limit * ResponseTimeConstant / magnitude);
        return fraction <= rampEnds
            ? fraction * magnitude / limit
            : rampEnds * magnitude / limit + ResponseTimeConstant * Math.Log((1 - rampEnds) / (1 - fraction));
    }

    /// <summary>Time-weighted mean and the max of the heart rate over [from, to) (a value holds until the next sample).</summary>
    public (double? Average, double? Max) HeartRateOver(double from, double to)
    {
        double sum = 0, weight = 0;
        double? max = null;
        for (var i = 0; i < _u.Length; i++)
        {
            if (HeartRate[i] is not { } hr)
            {
                continue;
            }

            var start = Math.Max(_u[i], from);
            var end = Math.Min(i + 1 < _u.Length ? _u[i + 1] : _u[i] + 1, to);
            if (end <= start && !(_u[i] >= from && _u[i] < to))
            {
                continue;
            }

            var w = Math.Max(end - start, 1e-3);
            sum += hr * w;
            weight += w;
            max = max is { } m ? Math.Max(m, hr) : hr;
        }

        return weight > 0 ? (sum / weight, max) : (null, null);
    }

    private int Segment(double u)
    {
        var i = Array.BinarySearch(_u, u);
        if (i < 0)
        {
            i = ~i - 1;
        }

        return Math.Clamp(i, 0, Math.Max(0, _u.Length - 2));
    }

    private double Eval(int i, double u)
    {
        var h = _u[i + 1] - _u[i];
        if (h <= 0)
        {
            return _d[i + 1];
        }

        if (_rampStart.Length > 0 && !double.IsNaN(_rampStart[i]))
        {
            var va = Speed[i]!.Value;
            var vb = Speed[i + 1]!.Value;
            var ts = _rampStart[i];
            if (u <= ts)
            {
                return _d[i] + va * (u - _u[i]);
            }

            var r = _u[i + 1] - ts;
            var x = u - ts;
            return _d[i] + va * (ts - _u[i]) + va * x + (vb - va) / (2 * r) * x * x;
        }

        var t = (u - _u[i]) / h;
        if (_interpolant == DistanceInterpolant.Linear)
        {
            return _d[i] + t * (_d[i + 1] - _d[i]);
        }

        var t2 = t * t;
        var t3 = t2 * t;
        return (2 * t3 - 3 * t2 + 1) * _d[i] + (t3 - 2 * t2 + t) * h * _slope[i] + (-2 * t3 + 3 * t2) * _d[i + 1] + (t3 - t2) * h * _slope[i + 1];
    }

    /// <summary>Per segment, where the hold-then-ramp model starts its ramp (NaN: use the cubic).</summary>
    private static double[] RampStarts(double[] u, double[] d, double?[] speed)
    {
        var n = u.Length;
        var starts = new double[Math.Max(0, n - 1)];
        for (var i = 0; i < n - 1; i++)
        {
            starts[i] = double.NaN;
            var h = u[i + 1] - u[i];
            if (h < 1.5 || speed[i] is not { } va || speed[i + 1] is not { } vb || Math.Abs(vb - va) < 0.15 || va < 0 || vb < 0)
            {
                continue;
            }

            // va (ts - a) + (va + vb) / 2 (b - ts) = D_b - D_a, solved for ts.
            var m = (va + vb) / 2;
            var ts = (d[i + 1] - d[i] + va * u[i] - m * u[i + 1]) / (va - m);
            if (ts >= u[i] && ts <= u[i + 1] - 0.3)
            {
                starts[i] = ts;
            }
        }

        return starts;
    }

    private static double[] FritschCarlson(double[] x, double[] y)
    {
        var n = x.Length;
        var m = new double[n];
        if (n < 2)
        {
            return m;
        }

        var delta = new double[n - 1];
        for (var i = 0; i < n - 1; i++)
        {
            var h = x[i + 1] - x[i];
            delta[i] = h > 0 ? (y[i + 1] - y[i]) / h : 0;
        }

        m[0] = delta[0];
        m[n - 1] = delta[n - 2];
        for (var i = 1; i < n - 1; i++)
        {
            m[i] = delta[i - 1] * delta[i] <= 0 ? 0 : (delta[i - 1] + delta[i]) / 2;
        }

        for (var i = 0; i < n - 1; i++)
        {
            if (delta[i] == 0)
            {
                m[i] = 0;
                m[i + 1] = 0;
                continue;
            }

            var a = m[i] / delta[i];
            var b = m[i + 1] / delta[i];
            var s = a * a + b * b;
            if (s > 9)
            {
                var tau = 3 / Math.Sqrt(s);
                m[i] = tau * a * delta[i];
                m[i + 1] = tau * b * delta[i];
            }
        }

        return m;
    }
}
