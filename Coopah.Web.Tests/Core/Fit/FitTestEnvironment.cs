using System.Diagnostics;
using System.Text;

namespace Coopah.Web.Tests.Core.Fit;

/// <summary>
/// Locates the repo, the FIT oracle (COOPAH_FIT_ORACLE or &lt;repo&gt;/.tools/fit-oracle, installed by
/// scripts/setup-fit-oracle.sh) and the shared samples (&lt;repo&gt;/../shared/fit-samples), and runs oracle scripts.
/// A missing oracle fails the test: conformance must never pass silently.
/// </summary>
internal static class FitTestEnvironment
{
    private static readonly Lazy<string> Root = new(FindRepoRoot);

    public static string RepoRoot => Root.Value;

    public static string OracleDir => Environment.GetEnvironmentVariable("COOPAH_FIT_ORACLE") is { Length: > 0 } env
        ? Path.GetFullPath(env)
        : Path.Combine(RepoRoot, ".tools", "fit-oracle");

    public static string SamplesDir => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "fit-samples"));

    public static bool SamplesExist => Directory.Exists(SamplesDir);

    /// <summary>The theory row that stands for "no samples": it runs and fails, so a missing folder is never a pass.</summary>
    public const string MissingSamplesMarker = "(shared FIT samples missing)";

    /// <summary>Fails the calling test unless the shared samples are there (they are part of the test input, not optional).</summary>
    public static void RequireSamples() =>
        Assert.True(SamplesExist, $"shared FIT samples not found at {SamplesDir} (expected at <repo>/../shared/fit-samples).");

    /// <summary>One theory row per <c>*.fit</c> in <paramref name="folder"/> of the samples, or the failing marker when it is missing.</summary>
    public static IEnumerable<object[]> SampleRows(string folder = "")
    {
        var dir = Path.Combine(SamplesDir, folder);
        if (!Directory.Exists(dir))
        {
            return [[MissingSamplesMarker]];
        }

        return Directory.GetFiles(dir, "*.fit").Order(StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });
    }

    public static string Sample(string name) => Path.Combine(SamplesDir, name);

    /// <summary>Fails the calling test unless the oracle is installed.</summary>
    public static void RequireOracle()
    {
        if (!File.Exists(Path.Combine(OracleDir, "canon.mjs")) || !Directory.Exists(Path.Combine(OracleDir, "node_modules", "@garmin", "fitsdk")))
        {
            Assert.Fail($"FIT oracle not installed at {OracleDir}. Run ./test.sh (it calls scripts/setup-fit-oracle.sh), " +
                "or set COOPAH_FIT_ORACLE to an installed copy of ../shared/fit-oracle.");
        }
    }

    public sealed record NodeResult(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs <c>node SCRIPT args</c> in the oracle folder, with a timeout.</summary>
    public static NodeResult Node(string script, IEnumerable<string> args, int timeoutSeconds = 120)
    {
        RequireOracle();
        var psi = new ProcessStartInfo("node")
        {
            WorkingDirectory = OracleDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        psi.ArgumentList.Add(script);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        Process? started;
        try
        {
            started = Process.Start(psi);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            Assert.Fail($"cannot start node ({ex.Message}); the FIT conformance tests need node and the oracle: run ./test.sh");
            throw;
        }

        using var p = started ?? throw new InvalidOperationException("could not start node");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds)))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"node {script} timed out after {timeoutSeconds} s");
        }

        p.WaitForExit();
        return new NodeResult(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs a script and fails the test with its stderr when it exits non-zero.</summary>
    public static string NodeOk(string script, params string[] args)
    {
        var r = Node(script, args);
        Assert.True(r.ExitCode == 0, $"node {script} {string.Join(' ', args)} exited {r.ExitCode}: {r.Stderr}");
        return r.Stdout;
    }

    /// <summary>A fresh temp folder for generated files.</summary>
    public static string TempDir(string prefix)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"coopah-{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Coopah.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Coopah.sln not found above " + AppContext.BaseDirectory);
    }
}
