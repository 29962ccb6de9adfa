using BenchmarkDotNet.Attributes;
using Coopah.Core.Fit;

namespace Coopah.Benchmarks;

/// <summary>
/// Decode throughput and allocation of our FIT decoder. The file comes from COOPAH_FIT_BENCH_FILES
/// (path list separated by ':'); bench/fit-decode.sh generates a 100k-record activity and sets it.
/// </summary>
// Not sealed: BenchmarkDotNet's validator rejects sealed benchmark classes.
[MemoryDiagnoser]
public class FitDecodeBenchmarks
{
    private byte[] _bytes = [];

    public static IEnumerable<string> Files() =>
        (Environment.GetEnvironmentVariable("COOPAH_FIT_BENCH_FILES") ?? "")
        .Split(':', StringSplitOptions.RemoveEmptyEntries);

    [ParamsSource(nameof(Files))]
    public string File { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _bytes = System.IO.File.ReadAllBytes(File);

    /// <summary>Full decode: CRCs checked, typed records, every other message with profile values.</summary>
    [Benchmark(Baseline = true)]
    public int Decode() => FitDecoder.Decode(_bytes).Records.Count;

    /// <summary>The CRC pass alone (part of Decode).</summary>
    [Benchmark]
    public ushort Crc() => FitCrc.Compute(_bytes);

    /// <summary>Decode plus the typed activity view.</summary>
    [Benchmark]
    public int DecodeActivity() => FitActivity.Decode(_bytes).Laps.Count;
}
