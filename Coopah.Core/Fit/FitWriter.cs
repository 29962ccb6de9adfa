using System.Buffers.Binary;

namespace Coopah.Core.Fit;

/// <summary>
/// Low-level FIT encoder: collects messages, emits a definition whenever a message's layout differs from the one
/// its local type holds (16 local types reused round-robin), and writes protocol 2.0 header + CRCs.
/// </summary>
public sealed class FitWriter(bool bigEndian = false)
{
    public const ushort ProfileVersion = 21217;

    /// <summary>Protocol 2.0 (major version in the high nibble).</summary>
    public const byte ProtocolVersion = 0x20;
    private readonly MemoryStream _data = new();
    private readonly string?[] _locals = new string?[FitProtocol.LocalTypeCount];
    private int _nextLocal;
    private uint? _lastTimestamp;

    /// <summary>Writes a data message (and its definition when needed).</summary>
    public void Write(FitMessageBuilder message)
    {
        var key = message.LayoutKey;
        var local = Array.IndexOf(_locals, key, 4);
        if (local < 0)
        {
            // Locals 0-3 stay free for compressed-timestamp messages.
            local = 4 + _nextLocal;
            _nextLocal = (_nextLocal + 1) % 12;
            WriteDefinition(local, message);
            _locals[local] = key;
        }

        _data.WriteByte((byte)local);
        message.WriteValues(_data, bigEndian);
        if (message.Timestamp is { } ts)
        {
            _lastTimestamp = ts;
        }
    }

    /// <summary>
    /// Writes a message with a compressed-timestamp header when <paramref name="timestamp"/> is within 31 s of the
    /// last timestamp written (a 32 s gap would decode as +0); otherwise adds a normal timestamp field (<see cref="FitProtocol.TimestampField"/>).
    /// </summary>
    public void WriteCompressed(FitMessageBuilder messageWithoutTimestamp, uint timestamp)
    {
        if (_lastTimestamp is { } last && timestamp >= last && timestamp - last < 32)
        {
            var key = messageWithoutTimestamp.LayoutKey;
            var local = Array.IndexOf(_locals, key, 0, 4);
            if (local < 0)
            {
                local = Array.FindIndex(_locals, 0, 4, l => l is null);
                local = local < 0 ? 0 : local;
                WriteDefinition(local, messageWithoutTimestamp);
                _locals[local] = key;
            }

            _data.WriteByte((byte)(FitProtocol.CompressedTimestampFlag | (local << 5) | (int)(timestamp & FitProtocol.TimeOffsetMask)));
            messageWithoutTimestamp.WriteValues(_data, bigEndian);
            _lastTimestamp = timestamp;
            return;
        }

        Write(messageWithoutTimestamp.Clone().UInt32(FitProtocol.TimestampField, timestamp));
    }

    private void WriteDefinition(int local, FitMessageBuilder m)
    {
        var hasDev = m.DevFields.Count > 0;
        _data.WriteByte((byte)(FitProtocol.DefinitionFlag | (hasDev ? FitProtocol.DeveloperDataFlag : 0) | local));
        _data.WriteByte(0);
        _data.WriteByte(bigEndian ? (byte)1 : (byte)0);
        Span<byte> g = stackalloc byte[2];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(g, (ushort)m.Global);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(g, (ushort)m.Global);
        }

        _data.Write(g);
        _data.WriteByte((byte)m.Fields.Count);
        foreach (var f in m.Fields)
        {
            _data.WriteByte((byte)f.Number);
            _data.WriteByte((byte)f.Bytes.Length);
            _data.WriteByte(FitBaseTypes.WireByte(f.Type));
        }

        if (hasDev)
        {
            _data.WriteByte((byte)m.DevFields.Count);
            foreach (var d in m.DevFields)
            {
                _data.WriteByte((byte)d.Number);
                _data.WriteByte((byte)d.Bytes.Length);
                _data.WriteByte((byte)d.DeveloperDataIndex);
            }
        }
    }

    /// <summary>The complete file: 14-byte header with CRC, records, file CRC.</summary>
    public byte[] ToArray()
    {
        var data = _data.ToArray();
        const int header = FitProtocol.HeaderSize;
        var file = new byte[header + data.Length + 2];
        file[0] = header;
        file[1] = ProtocolVersion;
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(2), ProfileVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), (uint)data.Length);
        FitProtocol.Signature.CopyTo(file.AsSpan(8));
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(12), FitCrc.Compute(file.AsSpan(0, 12)));
        data.CopyTo(file, header);
        var crc = FitCrc.Compute(file.AsSpan(0, header + data.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(header + data.Length), crc);
        return file;
    }
}
