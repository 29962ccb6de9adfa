namespace Coopah.Core.Fit;

/// <summary>FIT base types (the low 5 bits of a field definition's base type byte).</summary>
public enum FitBaseType : byte
{
    Enum = 0x00,
    SInt8 = 0x01,
    UInt8 = 0x02,
    SInt16 = 0x03,
    UInt16 = 0x04,
    SInt32 = 0x05,
    UInt32 = 0x06,
    String = 0x07,
    Float32 = 0x08,
    Float64 = 0x09,
    UInt8z = 0x0A,
    UInt16z = 0x0B,
    UInt32z = 0x0C,
    Byte = 0x0D,
    SInt64 = 0x0E,
    UInt64 = 0x0F,
    UInt64z = 0x10,
}

/// <summary>Sizes, invalid values and wire bytes of the base types.</summary>
public static class FitBaseTypes
{
    public const int Count = 17;

    private static readonly byte[] Sizes = [1, 1, 1, 2, 2, 4, 4, 1, 4, 8, 1, 2, 4, 1, 8, 8, 8];

    /// <summary>Invalid ("no value") bit patterns, zero-extended to 64 bits.</summary>
    private static readonly ulong[] Invalids =
    [
        0xFF, 0x7F, 0xFF, 0x7FFF, 0xFFFF, 0x7FFFFFFF, 0xFFFFFFFF, 0x00, 0xFFFFFFFF, 0xFFFFFFFFFFFFFFFF,
        0x00, 0x0000, 0x00000000, 0xFF, 0x7FFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF, 0,
    ];

    public static bool IsDefined(int baseType) => (uint)baseType < Count;

    public static int Size(FitBaseType type) => Sizes[(int)type];

    public static ulong InvalidBits(FitBaseType type) => Invalids[(int)type];

    /// <summary>The base type byte as written in definitions (endian-ability bit set for multi-byte types).</summary>
    public static byte WireByte(FitBaseType type) => (byte)((byte)type | (Sizes[(int)type] > 1 ? 0x80 : 0));

    public static bool IsSigned(FitBaseType type) =>
        type is FitBaseType.SInt8 or FitBaseType.SInt16 or FitBaseType.SInt32 or FitBaseType.SInt64;

    public static bool IsFloat(FitBaseType type) => type is FitBaseType.Float32 or FitBaseType.Float64;

    /// <summary>Maps a profile type name ("uint16", "sport", "date_time") to the base type used on the wire.</summary>
    public static FitBaseType FromProfileType(string profileType) => profileType switch
    {
        "sint8" => FitBaseType.SInt8,
        "uint8" => FitBaseType.UInt8,
        "sint16" => FitBaseType.SInt16,
        "uint16" => FitBaseType.UInt16,
        "sint32" => FitBaseType.SInt32,
        "uint32" => FitBaseType.UInt32,
        "string" => FitBaseType.String,
        "float32" => FitBaseType.Float32,
        "float64" => FitBaseType.Float64,
        "uint8z" => FitBaseType.UInt8z,
        "uint16z" => FitBaseType.UInt16z,
        "uint32z" => FitBaseType.UInt32z,
        "byte" => FitBaseType.Byte,
        "sint64" => FitBaseType.SInt64,
        "uint64" => FitBaseType.UInt64,
        "uint64z" => FitBaseType.UInt64z,
        _ => FitBaseType.Enum,
    };
}
