using System.Diagnostics;
using System.Globalization;
using Coopah.Core.Fit;

namespace Coopah.Cli.Fit;

/// <summary><c>coopah fit dump|check|bench</c>.</summary>
internal static class FitCommand
{
    private const string Usage = """
        usage: coopah fit dump FILE [--canonical] [--no-records]
               coopah fit check FILE
               coopah fit bench FILE [--runs N]
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length < 2 || args[0] is "-h" or "--help")
        {
            (args.Length > 0 && args[0] is "-h" or "--help" ? stdout : stderr).WriteLine(Usage);
            return args.Length > 0 && args[0] is "-h" or "--help" ? 0 : 2;
        }

        if (args[0] is not ("dump" or "check" or "bench"))
        {
            return UnknownSubcommand(args[0], stderr);
        }

        var path = args[1];
        var flags = args.Skip(2).ToArray();
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"coopah fit: cannot read '{path}': {ex.Message}");
            return 1;
        }

        return args[0] switch
        {
            "dump" => Dump(bytes, flags, stdout, stderr),
            "check" => Check(path, bytes, stdout, stderr),
            "bench" => Bench(bytes, flags, stdout, stderr),
            _ => UnknownSubcommand(args[0], stderr),
        };
    }

    private static int UnknownSubcommand(string name, TextWriter stderr)
    {
        stderr.WriteLine($"coopah fit: unknown subcommand '{name}'");
        stderr.WriteLine(Usage);
        return 2;
    }

    private static int Dump(byte[] bytes, string[] flags, TextWriter stdout, TextWriter stderr)
    {
        var canonical = flags.Contains("--canonical");
        var records = !flags.Contains("--no-records");
        if (flags.Except(["--canonical", "--no-records"]).FirstOrDefault() is { } bad)
        {
            stderr.WriteLine($"coopah fit dump: unknown option '{bad}'");
            return 2;
        }

        FitFile file;
        try
        {
            file = FitDecoder.Decode(bytes);
        }
        catch (FitFormatException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return 1;
        }

        stdout.Write(canonical ? FitCanonicalJson.Write(file, records) : FitDumpJson.Write(file, records));
        return 0;
    }

    private static int Check(string path, byte[] bytes, TextWriter stdout, TextWriter stderr)
    {
        var file = FitDecoder.Decode(bytes, new FitDecodeOptions { Lenient = true, ReadOnCrcError = true });
        var inv = CultureInfo.InvariantCulture;
        stdout.WriteLine(string.Create(inv, $"file: {path} ({bytes.Length} bytes, {file.Headers.Count} FIT file(s))"));
        foreach (var h in file.Headers)
        {
            var headerCrc = h.HeaderCrc switch
            {
                null => "absent (12-byte header)",
                0 => "0x0000 (not computed)",
                _ => h.HeaderCrcValid == true ? string.Create(inv, $"0x{h.HeaderCrc:X4} ok") : string.Create(inv, $"0x{h.HeaderCrc:X4} MISMATCH"),
            };
            stdout.WriteLine(string.Create(inv,
                $"@{h.Offset}: header {h.HeaderSize} bytes, protocol {h.ProtocolText} (0x{h.ProtocolVersion:X2}), profile {h.ProfileText} ({h.ProfileVersion}), data {h.DataSize} bytes, header CRC {headerCrc}, file CRC {(h.IsTruncated ? "missing (truncated)" : string.Create(inv, $"0x{h.FileCrc:X4} {(h.FileCrcValid ? "ok" : "MISMATCH")}"))}"));
        }

        var counts = file.Messages.GroupBy(m => m.Name).Select(g => (g.Key, Count: g.Count())).ToList();
        if (file.Records.Count > 0)
        {
            counts.Add(("record", file.Records.Count));
        }

        stdout.WriteLine("messages: " + string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => string.Create(inv, $"{c.Key} {c.Count}"))));
        if (file.Errors.Count > 0)
        {
            foreach (var e in file.Errors)
            {
                stderr.WriteLine(string.Create(inv, $"error: {e.Reason} at byte {e.Offset}"));
            }

            stdout.WriteLine("INVALID");
            return 1;
        }

        stdout.WriteLine("OK");
        return 0;
    }

    private static int Bench(byte[] bytes, string[] flags, TextWriter stdout, TextWriter stderr)
    {
        var runs = 10;
        var i = Array.IndexOf(flags, "--runs");
        if (i >= 0 && (i + 1 >= flags.Length || !int.TryParse(flags[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out runs) || runs < 1))
        {
            stderr.WriteLine("coopah fit bench: --runs needs a positive integer");
            return 2;
        }

        int records;
        try
        {
            // Warm-up: at least 5 runs and 1 s, so tiered JIT has promoted the hot paths before timing.
            records = 0;
            var warmupStart = Stopwatch.GetTimestamp();
            for (var w = 0; w < 5 || Stopwatch.GetElapsedTime(warmupStart).TotalSeconds < 1; w++)
            {
                records = FitDecoder.Decode(bytes).Records.Count;
            }
        }
        catch (FitFormatException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return 1;
        }

        var times = new double[runs];
        for (var r = 0; r < runs; r++)
        {
            var start = Stopwatch.GetTimestamp();
            FitDecoder.Decode(bytes);
            times[r] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }

        Array.Sort(times);
        var median = runs % 2 == 1 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
        var mbPerSec = bytes.Length / 1e6 / median;
        var recordsPerSec = records / median;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"mbPerSec\":{Math.Round(mbPerSec, 2)},\"recordsPerSec\":{Math.Round(recordsPerSec)}}}"));
        return 0;
    }
}
