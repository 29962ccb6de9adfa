using System.Collections.Concurrent;
using System.Text.Json;
using Coopah.Core.Fit;
using Coopah.Core.Garmin.Push;
using Coopah.Core.Matching;
using Coopah.Web.Tests.Core.Fit;

namespace Coopah.Web.Tests.Core.Matching;

/// <summary>
/// A small generated corpus for the accuracy test (a subset of bench/intervals-corpus.txt): gen-run.mjs cases,
/// generated once per test run into a temp folder, plus an in-process scorer that matches score.mjs (one-to-one,
/// greedily by the smallest start difference within 20 s; |error| per executed step incl. the stretch after it).
/// </summary>
internal static class IntervalCorpus
{
    public static readonly (string Name, string[] Args)[] Cases =
    [
        ("6x800-s1", ["--workout", "6x800", "--seed", "1"]),
        ("6x800-s3-harsh", ["--workout", "6x800", "--seed", "3", "--max-gap", "15", "--speed-threshold", "0.3"]),
        ("6x800-missed", ["--workout", "6x800", "--seed", "4", "--missed-lap-press", "6"]),
        ("tempo-s1", ["--workout", "3x10min-tempo", "--seed", "1", "--tz-offset", "19800"]),
        ("tempo-pause", ["--workout", "3x10min-tempo", "--seed", "3", "--pause-at", "700,1900", "--pause-for", "30,75"]),
        ("5x1k-s1", ["--workout", "5x1k", "--seed", "1", "--tz-offset", "34200"]),
        ("5x1k-pause-missed", ["--workout", "5x1k", "--seed", "2", "--pause-at", "900", "--pause-for", "45", "--missed-lap-press", "4"]),
        ("5x1k-s3-harsh", ["--workout", "5x1k", "--seed", "3", "--max-gap", "15", "--speed-threshold", "0.3", "--tz-offset", "50400"]),
        ("long-s2-autolap", ["--workout", "long-progressive", "--seed", "2", "--auto-lap-km", "1"]),
        ("long-s3-autolap-only", ["--workout", "long-progressive", "--seed", "3", "--auto-lap-only"]),
        ("tempo-autolap-only", ["--workout", "3x10min-tempo", "--seed", "4", "--auto-lap-only", "--tz-offset", "-25200"]),
        ("pyramid-s2-harsh", ["--workout-file", "@pyramid.json", "--seed", "2", "--max-gap", "10", "--speed-threshold", "0.2"]),
        ("fartlek-s1", ["--workout-file", "@fartlek.json", "--seed", "1", "--tz-offset", "50400"]),
        ("mixed-pause", ["--workout-file", "@hills-mixed.json", "--seed", "2", "--pause-at", "1000", "--pause-for", "20"]),
        ("fartlek-missed-open", ["--workout-file", "@fartlek.json", "--seed", "10", "--missed-lap-press", "--tz-offset", "19800"]),
        ("tempo-harsh-pause", ["--workout", "3x10min-tempo", "--seed", "9", "--max-gap", "15", "--speed-threshold", "0.25", "--pause-at", "800", "--pause-for", "90", "--tz-offset", "34200"]),
        ("6x800-missed-end", ["--workout", "6x800", "--seed", "14", "--pause-at", "1080", "--pause-for", "102", "--missed-lap-press", "13", "--tz-offset", "-25200"]),
    ];

    public static IEnumerable<object[]> Names => Cases.Select(c => new object[] { c.Name });

    private static readonly Lazy<string> Dir = new(() => FitTestEnvironment.TempDir("interval-corpus"));
    private static readonly ConcurrentDictionary<string, Lazy<string>> Dirs = new();

    /// <summary>The generated case folder (workout.json, truth.json, activity.fit, activityDetails.json).</summary>
    public static string PathOf(string name)
    {
        // First use: generate the whole corpus, two at a time (each case is a node process).
        _ = All.Value;
        return Dirs.GetOrAdd(name, n => new Lazy<string>(() => Generate(n))).Value;
    }

    private static readonly Lazy<bool> All = new(() =>
    {
        Parallel.ForEach(Cases, new ParallelOptions { MaxDegreeOfParallelism = 2 },
            c => _ = Dirs.GetOrAdd(c.Name, n => new Lazy<string>(() => Generate(n))).Value);
        return true;
    });

    private static string Generate(string name)
    {
        var (_, args) = Cases.Single(c => c.Name == name);
        var target = Path.Combine(Dir.Value, name);
        var workouts = Path.Combine(FitTestEnvironment.RepoRoot, "bench", "workouts");
        FitTestEnvironment.NodeOk("gen-run.mjs", [target, .. args.Select(a => a.StartsWith('@') ? Path.Combine(workouts, a[1..]) : a), "--quiet"]);
        return target;
    }

    public static IReadOnlyList<PlannedInterval> Plan(string dir) =>
        WorkoutExpansion.Expand(NeutralWorkout.Parse(File.ReadAllText(Path.Combine(dir, "workout.json"))));

    public static GarminActivityDetail Details(string dir) =>
        GarminNotificationParser.Parse(File.ReadAllBytes(Path.Combine(dir, "activityDetails.json"))).Envelope.ActivityDetails![0];

    public static FitActivity Fit(string dir) => FitActivity.Decode(File.ReadAllBytes(Path.Combine(dir, "activity.fit")));

    public sealed record Score(int TruthSteps, int Matched, double[] DistanceErrors, double[] TimeErrors)
    {
        public double MedianDistance => Median(DistanceErrors);

        public double MaxDistance => DistanceErrors.DefaultIfEmpty(double.PositiveInfinity).Max();

        public double MedianTime => Median(TimeErrors);

        public double MaxTime => TimeErrors.DefaultIfEmpty(double.PositiveInfinity).Max();

        public override string ToString() =>
            FormattableString.Invariant($"{Matched}/{TruthSteps} matched, distance median {MedianDistance:0.000} max {MaxDistance:0.000} m, time median {MedianTime:0.000} max {MaxTime:0.000} s");
    }

    public static double Median(IReadOnlyList<double> v)
    {
        if (v.Count == 0)
        {
            return double.PositiveInfinity;
        }

        var a = v.Order().ToArray();
        return a[a.Length / 2];
    }

    /// <summary>Scores (start, timer, distance) triples against truth.json's steps like score.mjs.</summary>
    public static Score ScoreAgainstTruth(string dir, IReadOnlyList<(double Start, double Timer, double Distance)> intervals)
    {
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "truth.json")));
        var steps = truth.RootElement.GetProperty("steps").EnumerateArray()
            .Select(s => (Start: s.GetProperty("startTimeInSeconds").GetDouble(), Timer: s.GetProperty("timerDurationInSeconds").GetDouble(),
                Distance: s.GetProperty("distanceInMeters").GetDouble()))
            .ToList();
        var pairs = new List<(double D, int T, int I)>();
        for (var t = 0; t < steps.Count; t++)
        {
            for (var i = 0; i < intervals.Count; i++)
            {
                var d = Math.Abs(intervals[i].Start - steps[t].Start);
                if (d <= 20)
                {
                    pairs.Add((d, t, i));
                }
            }
        }

        var usedT = new Dictionary<int, int>();
        var usedI = new HashSet<int>();
        foreach (var (_, t, i) in pairs.OrderBy(p => p.D).ThenBy(p => p.T).ThenBy(p => p.I))
        {
            if (!usedT.ContainsKey(t) && !usedI.Contains(i))
            {
                usedT[t] = i;
                usedI.Add(i);
            }
        }

        var dist = usedT.Select(p => Math.Abs(intervals[p.Value].Distance - steps[p.Key].Distance)).ToArray();
        var time = usedT.Select(p => Math.Abs(intervals[p.Value].Timer - steps[p.Key].Timer)).ToArray();
        return new Score(steps.Count, usedT.Count, dist, time);
    }

    public static Score ScoreAgainstTruth(string dir, IReadOnlyList<ExecutedInterval> intervals) =>
        ScoreAgainstTruth(dir, intervals.Select(i => (i.StartTimeInSeconds, i.TimerDurationInSeconds, i.DistanceInMeters)).ToList());

    /// <summary>The naive baseline (naive-intervals.mjs --mode after, ported: the first sample at or after each lap start), scored the same way.</summary>
    public static Score Naive(string dir)
    {
        var d = Details(dir);
        var samples = d.Samples.Where(s => s.StartTimeInSeconds is not null).OrderBy(s => s.StartTimeInSeconds).ToList();
        var laps = d.Laps.Select(l => l.StartTimeInSeconds!.Value).Order().ToList();
        (double Dist, double Timer) At(int i) => (samples[..(i + 1)].LastOrDefault(s => s.TotalDistanceInMeters is not null)?.TotalDistanceInMeters ?? 0,
            samples[..(i + 1)].LastOrDefault(s => s.TimerDurationInSeconds is not null)?.TimerDurationInSeconds ?? 0);
        var bounds = laps.Select(l =>
        {
            var i = samples.FindIndex(s => s.StartTimeInSeconds >= l);
            return At(i < 0 ? samples.Count - 1 : i);
        }).Append(At(samples.Count - 1)).ToList();
        var intervals = laps.Select((l, i) => ((double)l, bounds[i + 1].Timer - bounds[i].Timer, bounds[i + 1].Dist - bounds[i].Dist)).ToList();
        return ScoreAgainstTruth(dir, intervals);
    }

    public static JsonElement Options(string dir)
    {
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "truth.json")));
        return truth.RootElement.GetProperty("options").Clone();
    }
}
