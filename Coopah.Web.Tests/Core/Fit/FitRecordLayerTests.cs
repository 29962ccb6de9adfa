using System.Globalization;
using System.Text.Json.Nodes;
using Coopah.Core.Fit;

namespace Coopah.Web.Tests.Core.Fit;

/// <summary>Header facts and per-message counts equal the oracle's record-layer walker (scan.mjs): nothing lost.</summary>
public sealed class FitRecordLayerTests
{
    public static IEnumerable<object[]> SampleFiles() => FitConformanceTests.SampleFiles();

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Decode_SampleFile_HeadersAndCountsMatchScan(string name)
    {
        FitTestEnvironment.RequireSamples();

        var path = FitTestEnvironment.Sample(name);
        var scan = JsonNode.Parse(FitTestEnvironment.NodeOk("scan.mjs", path, "--json"))![0]!["files"]!.AsArray();

        var file = FitDecoder.Decode(File.ReadAllBytes(path));

        Assert.Equal(scan.Count, file.Headers.Count);
        var expected = new Dictionary<int, int>();
        for (var i = 0; i < scan.Count; i++)
        {
            var s = scan[i]!;
            var h = file.Headers[i];
            Assert.Equal((long)s["offset"]!, h.Offset);
            Assert.Equal((int)s["headerSize"]!, h.HeaderSize);
            Assert.Equal((int)s["protocolByte"]!, h.ProtocolVersion);
            Assert.Equal((int)s["profileVersion"]!, h.ProfileVersion);
            Assert.Equal((long)s["dataSize"]!, h.DataSize);
            Assert.Equal((string)s["fileCrc"]! == "ok", h.FileCrcValid);
            foreach (var (global, count) in s["globals"]!.AsObject())
            {
                var number = int.Parse(global, CultureInfo.InvariantCulture);
                expected[number] = expected.GetValueOrDefault(number) + (int)count!;
            }
        }

        foreach (var (global, count) in expected)
        {
            Assert.True(count == file.CountOf(global), $"message {global}: scan.mjs {count}, ours {file.CountOf(global)}");
        }

        Assert.Equal(expected.Values.Sum(), file.Messages.Count + file.Records.Count);
    }
}
