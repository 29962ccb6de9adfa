using System.Text;

namespace Coopah.Core.Fit;

/// <summary>Fields of one message, in order, as wire values. Absent values are simply not added.</summary>
public sealed class FitMessageBuilder(int global)
{
    internal readonly record struct FieldValue(int Number, FitBaseType Type, byte[] Bytes, ulong Scalar);

    internal readonly record struct DevValue(int DeveloperDataIndex, int Number, byte[] Bytes);

    public int Global { get; } = global;

    internal List<FieldValue> Fields { get; } = [];

    internal List<DevValue> DevFields { get; } = [];

    internal uint? Timestamp { get; private set; }

    internal string LayoutKey => Global + ":" + string.Join(",", Fields.Select(f => $"{f.Number}/{f.Bytes.Length}/{(int)f.Type}"))
        + "|" + string.Join(",", DevFields.Select(d => $"{d.DeveloperDataIndex}/{d.Number}/{d.Bytes.Length}"));

    internal FitMessageBuilder Clone()
    {
        var copy = new FitMessageBuilder(Global);
        copy.Fields.AddRange(Fields);
        copy.DevFields.AddRange(DevFields);
        return copy;
    }

    /// <summary>Adds a scalar of any numeric base type (raw wire value; the bits are taken as-is).</summary>
    public FitMessageBuilder Raw(int number, FitBaseType type, ulong value)
    {
        var size = FitBaseTypes.Size(type);
        var bytes = new byte[size];
        for (var i = 0; i < size; i++)
        {
            bytes[i] = (byte)(value >> (8 * i));
        }

        Fields.Add(new FieldValue(number, type, bytes, value));
        if (number == FitProtocol.TimestampField && type is FitBaseType.UInt32)
        {
            Timestamp = (uint)value;
        }

        return this;
    }

    /// <summary>Adds raw field bytes (little-endian element order), e.g. arrays or odd sizes.</summary>
    public FitMessageBuilder Bytes(int number, FitBaseType type, byte[] littleEndianBytes)
    {
        Fields.Add(new FieldValue(number, type, littleEndianBytes, 0));
        return this;
    }

    public FitMessageBuilder Enum(int number, long value) => Raw(number, FitBaseType.Enum, (ulong)value);

    public FitMessageBuilder UInt8(int number, long value) => Raw(number, FitBaseType.UInt8, (ulong)value);

    public FitMessageBuilder SInt8(int number, long value) => Raw(number, FitBaseType.SInt8, (ulong)value);

    public FitMessageBuilder UInt16(int number, long value) => Raw(number, FitBaseType.UInt16, (ulong)value);

    public FitMessageBuilder SInt16(int number, long value) => Raw(number, FitBaseType.SInt16, (ulong)value);

    public FitMessageBuilder UInt32(int number, long value) => Raw(number, FitBaseType.UInt32, (ulong)value);

    public FitMessageBuilder SInt32(int number, long value) => Raw(number, FitBaseType.SInt32, (ulong)value);

    public FitMessageBuilder UInt32z(int number, long value) => Raw(number, FitBaseType.UInt32z, (ulong)value);

    public FitMessageBuilder Float32(int number, float value) => Raw(number, FitBaseType.Float32, BitConverter.SingleToUInt32Bits(value));

    /// <summary>Adds a NUL-terminated UTF-8 string (size = bytes + 1, as Garmin's encoder writes).</summary>
    public FitMessageBuilder String(int number, string value)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        var bytes = new byte[Math.Min(255, utf8.Length + 1)];
        utf8.AsSpan(0, bytes.Length - 1).CopyTo(bytes);
        Fields.Add(new FieldValue(number, FitBaseType.String, bytes, 0));
        return this;
    }

    /// <summary>Adds a developer field value (little-endian bytes of its declared base type).</summary>
    public FitMessageBuilder Developer(int developerDataIndex, int number, byte[] littleEndianBytes)
    {
        DevFields.Add(new DevValue(developerDataIndex, number, littleEndianBytes));
        return this;
    }

    internal void WriteValues(Stream s, bool bigEndian)
    {
        foreach (var f in Fields)
        {
            WriteOrdered(s, f.Bytes, f.Type, bigEndian);
        }

        foreach (var d in DevFields)
        {
            s.Write(d.Bytes);
        }
    }

    private static void WriteOrdered(Stream s, byte[] bytes, FitBaseType type, bool bigEndian)
    {
        var size = FitBaseTypes.Size(type);
        if (!bigEndian || size == 1 || bytes.Length % size != 0)
        {
            s.Write(bytes);
            return;
        }

        // Each element is stored little-endian in the builder; reverse per element for big-endian output.
        for (var i = 0; i < bytes.Length; i += size)
        {
            for (var k = size - 1; k >= 0; k--)
            {
                s.WriteByte(bytes[i + k]);
            }
        }
    }
}
