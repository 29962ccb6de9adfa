namespace Coopah.Core.Fit;

/// <summary>One FIT file (segment) of a possibly chained stream: header facts and CRC results.</summary>
public sealed record FitFileHeader(
    long Offset,
    int HeaderSize,
    byte ProtocolVersion,
    ushort ProfileVersion,
    uint DataSize,
    ushort? HeaderCrc,
    bool? HeaderCrcValid,
    ushort FileCrc,
    bool FileCrcValid)
{
    /// <summary>True when the input ends before this file's data and CRC (lenient decoding only).</summary>
    public bool IsTruncated { get; init; }

    /// <summary>Protocol as "major.minor" (upper/lower nibble of the protocol byte).</summary>
    public string ProtocolText => $"{ProtocolVersion >> 4}.{ProtocolVersion & 0xF}";

    /// <summary>Profile version as "major.minor" (scale 100 up to 2199, 1000 above: Garmin's rule).</summary>
    public string ProfileText
    {
        get
        {
            var scale = ProfileVersion > 2199 ? 1000 : 100;
            return $"{ProfileVersion / scale}.{ProfileVersion % scale}";
        }
    }
}
