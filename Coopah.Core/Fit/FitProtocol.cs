namespace Coopah.Core.Fit;

/// <summary>
/// Numbers of the FIT protocol itself (not of a message profile), shared by the decoder, the writer and the
/// encoders so each is spelled once. See docs/FIT.md.
/// </summary>
public static class FitProtocol
{
    /// <summary>Field 253 of every message: seconds since the FIT epoch (uint32).</summary>
    public const int TimestampField = 253;

    /// <summary>Field 254: the message's index among its kind (workout steps, laps, sessions).</summary>
    public const int MessageIndexField = 254;

    /// <summary>Header bit 7: a compressed-timestamp data message (local type in bits 5-6, offset in bits 0-4).</summary>
    public const int CompressedTimestampFlag = 0x80;

    /// <summary>Header bit 6: a definition message.</summary>
    public const int DefinitionFlag = 0x40;

    /// <summary>Header bit 5 of a definition: developer fields follow.</summary>
    public const int DeveloperDataFlag = 0x20;

    /// <summary>The local message type of a normal header (bits 0-3).</summary>
    public const int LocalTypeMask = 0x0F;

    /// <summary>Local message types there are.</summary>
    public const int LocalTypeCount = 16;

    /// <summary>The 5-bit time offset of a compressed-timestamp header; it rolls over every 32 s.</summary>
    public const int TimeOffsetMask = 0x1F;

    /// <summary>The base type number in a field definition's base type byte (bit 7 is the endian flag).</summary>
    public const int BaseTypeNumberMask = 0x1F;

    /// <summary>The header size we write (protocol 2.0, with header CRC).</summary>
    public const int HeaderSize = 14;

    /// <summary>Bytes 8-11 of every FIT header.</summary>
    public static ReadOnlySpan<byte> Signature => ".FIT"u8;
}
