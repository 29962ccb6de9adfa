using System.Text.Json;
using Coopah.Cli;
using Coopah.Core.Fit;
using Coopah.Web.Tests.Core.Fit;

namespace Coopah.Web.Tests.Cli;

public sealed class FitCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string WriteTemp(byte[] bytes)
    {
        var path = Path.Combine(FitTestEnvironment.TempDir("fit-cli"), "file.fit");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void DumpCanonical_OwnFile_PrintsCanonicalJson()
    {
        var bytes = FitTestFiles.RunBytes(30);
        var path = WriteTemp(bytes);

        var (code, output, _) = Run("fit", "dump", path, "--canonical");

        Assert.Equal(0, code);
        Assert.Equal(FitCanonicalJson.Write(FitDecoder.Decode(bytes)), output);
    }

    [Fact]
    public void DumpCanonical_SyntheticFile_EqualsNodeCanon()
    {
        var path = FitSyntheticFiles.PathOf("run-6x800");

        var (code, output, _) = Run("fit", "dump", path, "--canonical");

        Assert.Equal(0, code);
        FitConformanceTests.AssertSameText(FitTestEnvironment.NodeOk("canon.mjs", path), output, path);
    }

    [Fact]
    public void Dump_NoRecords_ListsMessagesWithoutRecords()
    {
        var path = WriteTemp(FitTestFiles.RunBytes(30));

        var (code, output, _) = Run("fit", "dump", path, "--no-records");
        using var json = JsonDocument.Parse(output);

        Assert.Equal(0, code);
        var names = json.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToList();
        Assert.DoesNotContain("record", names);
        Assert.Contains("lap", names);
        Assert.Equal("file_id", names[0]);
    }

    [Fact]
    public void Dump_WithRecords_KeepsFileOrder()
    {
        var path = WriteTemp(FitTestFiles.RunBytes(30));

        var (_, output, _) = Run("fit", "dump", path);
        using var json = JsonDocument.Parse(output);

        var names = json.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToList();
        Assert.Equal(30, names.Count(n => n == "record"));
        Assert.Equal("activity", names[^1]);
        Assert.True(names.IndexOf("record") < names.IndexOf("lap"));
    }

    [Fact]
    public void Check_ValidFile_PrintsFactsAndOk()
    {
        var path = WriteTemp(FitTestFiles.RunBytes(30));

        var (code, output, _) = Run("fit", "check", path);

        Assert.Equal(0, code);
        Assert.Contains("protocol 2.0", output, StringComparison.Ordinal);
        Assert.Contains("profile 21.217", output, StringComparison.Ordinal);
        Assert.Contains("file CRC 0x", output, StringComparison.Ordinal);
        Assert.Contains("record 30", output, StringComparison.Ordinal);
        Assert.EndsWith("OK\n", output.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_CorruptFile_ExitsOneWithErrorAndOffset()
    {
        var bytes = FitTestFiles.RunBytes(30);
        bytes[^1] ^= 0xFF;
        var path = WriteTemp(bytes);

        var (code, output, error) = Run("fit", "check", path);

        Assert.Equal(1, code);
        Assert.Contains("INVALID", output, StringComparison.Ordinal);
        Assert.Contains($"file CRC mismatch", error, StringComparison.Ordinal);
        Assert.Contains($"at byte {bytes.Length - 2}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_InvalidSamples_ExitOne()
    {
        FitTestEnvironment.RequireSamples();
        foreach (var f in Directory.GetFiles(Path.Combine(FitTestEnvironment.SamplesDir, "invalid"), "*.fit"))
        {
            var (code, _, error) = Run("fit", "check", f);

            Assert.Equal(1, code);
            Assert.Contains("at byte", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Bench_File_PrintsThroughputJson()
    {
        var path = WriteTemp(FitTestFiles.RunBytes(100));

        var (code, output, _) = Run("fit", "bench", path, "--runs", "3");
        using var json = JsonDocument.Parse(output);

        Assert.Equal(0, code);
        Assert.True(json.RootElement.GetProperty("mbPerSec").GetDouble() > 0);
        Assert.True(json.RootElement.GetProperty("recordsPerSec").GetDouble() > 0);
    }

    [Theory]
    [InlineData("fit")]
    [InlineData("fit", "explode", "x.fit")]
    [InlineData("fit", "bench", "PATH", "--runs", "zero")]
    [InlineData("fit", "dump", "PATH", "--bogus")]
    public void Fit_BadArguments_ExitTwo(params string[] args)
    {
        var path = WriteTemp(FitTestFiles.RunBytes(5));

        var (code, _, error) = Run([.. args.Select(a => a == "PATH" ? path : a)]);

        Assert.True(code == 2, error);
    }

    [Fact]
    public void Dump_MissingFile_ExitsOne()
    {
        var (code, _, error) = Run("fit", "dump", "/nonexistent/x.fit");

        Assert.Equal(1, code);
        Assert.Contains("cannot read", error, StringComparison.Ordinal);
    }
}
