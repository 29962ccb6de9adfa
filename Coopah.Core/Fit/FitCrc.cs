namespace Coopah.Core.Fit;

/// <summary>FIT CRC-16 (CRC-16/ARC). Byte-wise table derived from Garmin's nibble table, for speed.</summary>
public static class FitCrc
{
    private static readonly ushort[] Nibble =
        [0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401, 0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400];

    private static readonly ushort[] Table = BuildTable();

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (var b = 0; b < 256; b++)
        {
            table[b] = NibbleUpdate(0, (byte)b);
        }

        return table;
    }

    private static ushort NibbleUpdate(ushort crc, byte b)
    {
        var t = Nibble[crc & 0xF];
        crc = (ushort)((crc >> 4) & 0x0FFF);
        crc = (ushort)(crc ^ t ^ Nibble[b & 0xF]);
        t = Nibble[crc & 0xF];
        crc = (ushort)((crc >> 4) & 0x0FFF);
        return (ushort)(crc ^ t ^ Nibble[(b >> 4) & 0xF]);
    }

    public static ushort Compute(ReadOnlySpan<byte> data, ushort crc = 0)
    {
        var table = Table;
        foreach (var b in data)
        {
            crc = (ushort)((crc >> 8) ^ table[(crc ^ b) & 0xFF]);
        }

        return crc;
    }
}
