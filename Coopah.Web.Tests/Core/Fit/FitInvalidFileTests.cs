using Coopah.Core.Fit;

namespace Coopah.Web.Tests.Core.Fit;

/// <summary>Damaged files give a FitFormatException with a byte offset, never another exception.</summary>
public sealed class FitInvalidFileTests
{
    public static IEnumerable<object[]> InvalidFiles() => FitTestEnvironment.SampleRows("invalid");

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void Decode_InvalidSample_ThrowsFitFormatExceptionWithOffset(string name)
    {
        FitTestEnvironment.RequireSamples();

        var bytes = File.ReadAllBytes(Path.Combine(FitTestEnvironment.SamplesDir, "invalid", name));

        var ex = Assert.Throws<FitFormatException>(() => FitDecoder.Decode(bytes));

        Assert.InRange(ex.Offset, 0, bytes.Length);
        Assert.Contains("at byte", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void DecodeLenient_InvalidSample_ReturnsWhatWasReadPlusError(string name)
    {
        FitTestEnvironment.RequireSamples();

        var bytes = File.ReadAllBytes(Path.Combine(FitTestEnvironment.SamplesDir, "invalid", name));

        var file = FitDecoder.Decode(bytes, new FitDecodeOptions { Lenient = true, ReadOnCrcError = true });

        Assert.NotEmpty(file.Errors);
    }

    [Fact]
    public void Decode_FileCrcSample_ReportsCrcMismatch()
    {
        FitTestEnvironment.RequireSamples();
        var bytes = File.ReadAllBytes(Path.Combine(FitTestEnvironment.SamplesDir, "invalid", "activity-filecrc.fit"));

        var ex = Assert.Throws<FitFormatException>(() => FitDecoder.Decode(bytes));
        var readOn = FitDecoder.Decode(bytes, new FitDecodeOptions { ReadOnCrcError = true });

        Assert.Contains("file CRC mismatch", ex.Message, StringComparison.Ordinal);
        Assert.Single(readOn.Errors);
        Assert.False(readOn.Headers[0].FileCrcValid);
        Assert.NotEmpty(readOn.Messages);
    }
}
