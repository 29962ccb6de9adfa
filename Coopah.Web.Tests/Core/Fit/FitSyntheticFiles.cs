using System.Collections.Concurrent;

namespace Coopah.Web.Tests.Core.Fit;

/// <summary>
/// Synthetic FIT files made by the oracle's generators (deterministic per seed), created once per test run in a
/// temp folder; the oracle's canonical JSON for each is cached alongside.
/// </summary>
internal static class FitSyntheticFiles
{
    /// <summary>Name, generator script, arguments (OUT = output file or folder placeholder).</summary>
    public static readonly (string Name, string Script, string[] Args)[] Cases =
    [
        ("activity-default", "encode-activity.mjs", ["OUT"]),
        ("activity-legacy-dev", "encode-activity.mjs", ["OUT", "--seed", "7", "--legacy", "--dev", "--seconds", "1200"]),
        ("activity-no-pause", "encode-activity.mjs", ["OUT", "--seed", "3", "--no-pause", "--seconds", "900"]),
        ("activity-early-pause-400m", "encode-activity.mjs", ["OUT", "--seed", "11", "--seconds", "2000", "--pause-at", "300", "--pause-len", "45", "--lap-meters", "400"]),
        ("workout-default", "encode-workout.mjs", ["OUT"]),
        ("workout-3-reps", "encode-workout.mjs", ["OUT", "--name", "3x1k @ 4:10-4:20", "--reps", "3"]),
        ("run-6x800", "gen-run.mjs", ["OUT", "--workout", "6x800", "--seed", "1"]),
        ("run-5x1k-pause-missed-lap", "gen-run.mjs", ["OUT", "--workout", "5x1k", "--seed", "2", "--pause-at", "900", "--pause-for", "45", "--missed-lap-press", "4"]),
        ("run-tempo-every-second", "gen-run.mjs", ["OUT", "--workout", "3x10min-tempo", "--seed", "3", "--every-second", "--record-at-lap"]),
        ("run-long-auto-lap", "gen-run.mjs", ["OUT", "--workout", "long-progressive", "--seed", "4", "--auto-lap-km", "1"]),
        ("run-smart-recording", "gen-run.mjs", ["OUT", "--workout", "5x1k", "--seed", "5", "--smart", "--max-gap", "8", "--speed-threshold", "0.2", "--hr-threshold", "5"]),
        ("run-two-pauses-tz", "gen-run.mjs", ["OUT", "--workout", "6x800", "--seed", "9", "--pause-at", "300,1200", "--pause-for", "20,90", "--start", "2025-07-01T18:05:07.650Z", "--tz-offset", "-18000"]),
    ];

    public static IEnumerable<object[]> Names => Cases.Select(c => new object[] { c.Name });

    private static readonly Lazy<string> Dir = new(() => FitTestEnvironment.TempDir("fit-synthetic"));
    private static readonly ConcurrentDictionary<string, Lazy<string>> Paths = new();

    /// <summary>Path of the generated .fit file (generated on first use).</summary>
    public static string PathOf(string name) => Paths.GetOrAdd(name, n => new Lazy<string>(() => Generate(n))).Value;

    private static string Generate(string name)
    {
        var (_, script, args) = Cases.Single(c => c.Name == name);
        var isDirOutput = script == "gen-run.mjs";
        var target = Path.Combine(Dir.Value, isDirOutput ? name : name + ".fit");
        FitTestEnvironment.NodeOk(script, [.. args.Select(a => a == "OUT" ? target : a)]);
        return isDirOutput ? Path.Combine(target, "activity.fit") : target;
    }
}
