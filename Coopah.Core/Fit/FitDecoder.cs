using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Coopah.Core.Fit;

/// <summary>
/// FIT decoder. Definitions are compiled once into field plans; records take a typed fast path into
/// <see cref="FitRecord"/> slots, every other message a generic path that keeps unknown fields raw.
/// Semantics follow Garmin's SDK (invalid values, arrays, sub-fields, components, accumulation).
/// </summary>
public static class FitDecoder
{
    /// <summary>Upper bound for stream input, so a hostile stream cannot make us buffer without limit.</summary>
    public const long MaxStreamBytes = 1L << 30;

    public static FitFile Decode(ReadOnlySpan<byte> data, FitDecodeOptions? options = null)
    {
        options ??= FitDecodeOptions.Default;
        var file = new FitFile();
        var state = new State(file, options);
        try
        {
            state.Run(data);
        }
        catch (FitFormatException ex) when (options.Lenient)
        {
            file.Errors.Add(ex);
        }
        catch (Exception ex) when (ex is not FitFormatException and not OutOfMemoryException)
        {
            // Safety net: a decoder bug must still surface as a format error with a position.
            var wrapped = new FitFormatException("internal decoder error: " + ex.Message, state.Position);
            if (!options.Lenient)
            {
                throw wrapped;
            }

            file.Errors.Add(wrapped);
        }

        return file;
    }

    public static FitFile Decode(Stream stream, FitDecodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[] bytes;
        try
        {
            if (stream.CanSeek)
            {
                var length = stream.Length - stream.Position;
                if (length > MaxStreamBytes)
                {
                    throw new FitFormatException("input larger than " + MaxStreamBytes.ToString(CultureInfo.InvariantCulture) + " bytes", 0);
                }

                bytes = new byte[length];
                stream.ReadExactly(bytes);
            }
            else
            {
                using var ms = new MemoryStream();
                var buffer = new byte[81920];
                int n;
                while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    if (ms.Length + n > MaxStreamBytes)
                    {
                        throw new FitFormatException("input larger than " + MaxStreamBytes.ToString(CultureInfo.InvariantCulture) + " bytes", ms.Length);
                    }

                    ms.Write(buffer, 0, n);
                }

                bytes = ms.ToArray();
            }
        }
        catch (IOException ex)
        {
            throw new FitFormatException("read error: " + ex.Message, ex);
        }

        return Decode(bytes, options);
    }

    // Kinds of record fields with a slot in FitRecord.
    private const byte KOther = 0, KTimestamp = 1, KLat = 2, KLong = 3, KAltitude = 4, KHeartRate = 5, KCadence = 6,
        KDistance = 7, KSpeed = 8, KPower = 9, KCsd = 10, KTemperature = 11, KFracCadence = 12, KEnhSpeed = 13, KEnhAltitude = 14;

    private struct FieldDef
    {
        public int Number;
        public int Size;
        public int Offset;
        public FitBaseType Type;
        public byte Kind;
        public FitFieldProfile? Profile;

        // Precomputed for the record fast path.
        public int BaseSize;
        public ulong Invalid;
        public int SignShift;
    }

    private struct DevFieldDef
    {
        public int Number;
        public int Size;
        public int Offset;
        public int Index;
    }

    /// <summary>One step of a record plan: where a slotted field sits and how to read it (16 bytes, cache-friendly).</summary>
    private struct RecordStep
    {
        public ulong Invalid;
        public int Offset;
        public byte Kind;

        // Read width in bytes, +16 when the definition is big-endian.
        public byte Op;
        public byte SignShift;
        public byte Size;
    }

    private sealed class Definition
    {
        public int Global;
        public bool Little;
        public FieldDef[] Fields = [];
        public DevFieldDef[] DevFields = [];
        public int Size;
        public FitMessageProfile? Profile;
        public RecordStep[] RecordPlan = [];
        public bool IsRecord;
        public bool RecordHasOther;
        public int OtherCount;
        public bool HasTimestampField;

        // Record extras whose fields need decoder state (accumulation, components) are decoded eagerly.
        public bool ExtrasNeedState;

        // Developer field descriptions resolved for DevFields, valid while DevVersion matches the decoder's.
        public FitDeveloperFieldDescription?[]? DevDescs;
        public int DevVersion = -1;
        public LazyExtraPlan? LazyPlan;
    }

    /// <summary>Decodes a record's extra fields on demand from the bytes the decoder kept (stateless fields only).</summary>
    private sealed class LazyExtraPlan(Definition def, FitDeveloperFieldDescription?[] devDescs) : IRecordExtraSource
    {
        public FitDeveloperFieldDescription?[] DevDescs => devDescs;

        public FitMessage Materialize(ReadOnlySpan<byte> body, long offset, int recordIndex)
        {
            var msg = new FitMessage(FitProfile.Record, def.Profile, offset, recordIndex, def.OtherCount + 2);
            ReadFields(msg, body, def, recordExtrasOnly: true, devDescs);
            FitExpansion.ExpandSubFields(msg);
            FitExpansion.ExpandComponents(msg, static (_, _, v, _) => v);
            return msg;
        }
    }

    private sealed class State(FitFile file, FitDecodeOptions options)
    {
        private readonly Definition?[] _defs = new Definition?[FitProtocol.LocalTypeCount];
        private readonly Dictionary<(int, int), (long Acc, long Last)> _acc = [];
        private readonly HashSet<int> _devIds = [];
        private readonly Dictionary<int, int> _devFieldCounts = [];
        private uint _lastTimestamp;
        private FitMessage? _scratch;
        private int _devVersion;
        private Func<int, int, long, int, long>? _accumulate;

        // record.distance accumulator, kept out of the dictionary because the record fast path touches it per record.
        private long _distanceAcc;
        private long _distanceLast;
        private bool _distanceInit;

        public long Position;

        public void Run(ReadOnlySpan<byte> data)
        {
            if (data.IsEmpty)
            {
                throw new FitFormatException("empty input: not a FIT file", 0);
            }

            var pos = 0;
            while (pos < data.Length)
            {
                pos = DecodeSegment(data, pos);
            }
        }

        private FitFormatException Error(string message, long offset) => new(message, offset);

        private void CrcProblem(string message, long offset)
        {
            var ex = Error(message, offset);
            if (!options.ReadOnCrcError)
            {
                throw ex;
            }

            file.Errors.Add(ex);
        }

        private int DecodeSegment(ReadOnlySpan<byte> data, int start)
        {
            Position = start;
            var remaining = data.Length - start;
            int headerSize = data[start];
            if (headerSize < 12)
            {
                throw Error(string.Create(CultureInfo.InvariantCulture, $"not a FIT file: header size {headerSize} (must be at least 12)"), start);
            }

            if (remaining < headerSize)
            {
                throw Error(string.Create(CultureInfo.InvariantCulture, $"truncated file header: {remaining} of {headerSize} bytes"), start);
            }

            if (!data.Slice(start + 8, 4).SequenceEqual(FitProtocol.Signature))
            {
                throw Error("not a FIT file: missing \".FIT\" signature", start + 8);
            }

            var protocol = data[start + 1];
            var profile = BinaryPrimitives.ReadUInt16LittleEndian(data[(start + 2)..]);
            var dataSize = BinaryPrimitives.ReadUInt32LittleEndian(data[(start + 4)..]);
            ushort? headerCrc = null;
            bool? headerCrcValid = null;
            if (headerSize >= 14)
            {
                headerCrc = BinaryPrimitives.ReadUInt16LittleEndian(data[(start + 12)..]);
                if (headerCrc != 0)
                {
                    // 0 means "not computed" and is accepted.
                    var computed = FitCrc.Compute(data.Slice(start, 12));
                    headerCrcValid = computed == headerCrc;
                    if (headerCrcValid == false)
                    {
                        CrcProblem(string.Create(CultureInfo.InvariantCulture, $"header CRC mismatch: stored 0x{headerCrc:X4}, computed 0x{computed:X4}"), start + 12);
                    }
                }
            }

            var dataStart = start + headerSize;
            var available = (long)data.Length - dataStart - 2;
            if (dataSize > available)
            {
                var ex = Error(string.Create(CultureInfo.InvariantCulture,
                    $"truncated file: header declares {dataSize} data bytes + 2 CRC bytes but only {Math.Max(0, available + 2)} follow the header"), start + 4);
                if (!options.Lenient)
                {
                    throw ex;
                }

                // Lenient: report, then decode the records that are there (a later error is reported too).
                file.Errors.Add(ex);
                file.Headers.Add(new FitFileHeader(start, headerSize, protocol, profile, dataSize, headerCrc, headerCrcValid, 0, false) { IsTruncated = true });
                Array.Clear(_defs);
                DecodeRecords(data, dataStart, (int)Math.Max(dataStart, Math.Min(data.Length, dataStart + dataSize)));
                return data.Length;
            }

            var dataEnd = dataStart + (int)dataSize;
            Array.Clear(_defs);
            DecodeRecords(data, dataStart, dataEnd);
            var storedCrc = BinaryPrimitives.ReadUInt16LittleEndian(data[dataEnd..]);
            var fileCrc = FitCrc.Compute(data[start..dataEnd]);
            var crcValid = fileCrc == storedCrc;
            if (!crcValid)
            {
                CrcProblem(string.Create(CultureInfo.InvariantCulture, $"file CRC mismatch: stored 0x{storedCrc:X4}, computed 0x{fileCrc:X4}"), dataEnd);
            }

            file.Headers.Add(new FitFileHeader(start, headerSize, protocol, profile, dataSize, headerCrc, headerCrcValid, storedCrc, crcValid));
            return dataEnd + 2;
        }

        private void DecodeRecords(ReadOnlySpan<byte> data, int p, int end)
        {
            while (p < end)
            {
                Position = p;
                var header = data[p];
                if ((header & FitProtocol.CompressedTimestampFlag) != 0)
                {
                    var def = _defs[(header >> 5) & 3]
                        ?? throw Error(string.Create(CultureInfo.InvariantCulture, $"compressed-timestamp data for undefined local message type {(header >> 5) & 3}"), p);
                    var offset = (uint)(header & FitProtocol.TimeOffsetMask);
                    _lastTimestamp += (offset - _lastTimestamp) & FitProtocol.TimeOffsetMask;
                    p = DecodeData(data, p, end, def, _lastTimestamp);
                }
                else if ((header & FitProtocol.DefinitionFlag) != 0)
                {
                    p = DecodeDefinition(data, p, end, header);
                }
                else
                {
                    var def = _defs[header & FitProtocol.LocalTypeMask]
                        ?? throw Error(string.Create(CultureInfo.InvariantCulture, $"data message for undefined local message type {header & FitProtocol.LocalTypeMask}"), p);
                    p = DecodeData(data, p, end, def, null);
                }
            }
        }

        private int DecodeDefinition(ReadOnlySpan<byte> data, int p, int end, byte header)
        {
            if (end - p < 6)
            {
                throw Error("definition message runs past the end of the data", p);
            }

            var little = data[p + 2] == 0;
            var global = little ? BinaryPrimitives.ReadUInt16LittleEndian(data[(p + 3)..]) : BinaryPrimitives.ReadUInt16BigEndian(data[(p + 3)..]);
            int count = data[p + 5];
            var q = p + 6;
            if (end - q < count * 3)
            {
                throw Error("definition message runs past the end of the data", p);
            }

            var profile = FitProfile.Message(global);
            var def = new Definition { Global = global, Little = little, Profile = profile, IsRecord = global == FitProfile.Record };
            var fields = new FieldDef[count];
            var size = 0;
            for (var i = 0; i < count; i++, q += 3)
            {
                var baseByte = data[q + 2] & FitProtocol.BaseTypeNumberMask;
                if (!FitBaseTypes.IsDefined(baseByte))
                {
                    throw Error(string.Create(CultureInfo.InvariantCulture, $"unknown base type 0x{data[q + 2]:X2} for field {data[q]} of message {global}"), q + 2);
                }

                ref var f = ref fields[i];
                f.Number = data[q];
                f.Size = data[q + 1];
                f.Type = (FitBaseType)baseByte;
                f.Offset = size;
                f.Profile = profile?.Field(f.Number);
                f.BaseSize = FitBaseTypes.Size(f.Type);
                f.Invalid = FitBaseTypes.InvalidBits(f.Type);
                f.Kind = def.IsRecord ? RecordKind(f.Number) : KOther;
                if (f.Kind == KCsd ? f.Size == 0 : f.Kind != KOther && (f.Type == FitBaseType.String || f.Size < f.BaseSize || f.Size % f.BaseSize != 0))
                {
                    // Not readable as a slot value (Garmin drops such fields): keep it raw with the record's extras instead.
                    f.Kind = KOther;
                }

                f.SignShift = FitBaseTypes.IsSigned(f.Type) ? 64 - f.BaseSize * 8 : 0;
                def.RecordHasOther |= def.IsRecord && f.Kind == KOther;
                def.OtherCount += f.Kind == KOther ? 1 : 0;
                def.HasTimestampField |= f.Number == FitProtocol.TimestampField;
                def.ExtrasNeedState |= f.Kind == KOther && f.Profile is { } fp
                    && (fp.IsAccumulated || fp.Components.Length > 0 || Array.Exists(fp.SubFields, sf => sf.Components.Length > 0));
                size += f.Size;
            }

            def.Fields = fields;
            if (def.IsRecord)
            {
                def.RecordPlan = Array.FindAll(fields, f => f.Kind != KOther).Select(f => new RecordStep
                {
                    Offset = f.Offset,
                    Kind = f.Kind,
                    Op = (byte)(f.Kind == KCsd ? 1 : f.BaseSize + (little || f.BaseSize == 1 ? 0 : 16)),
                    // compressed_speed_distance has its own invalid rule (all bytes 0xFF): never match here.
                    Invalid = f.Kind == KCsd ? ulong.MaxValue : f.Invalid,
                    SignShift = (byte)f.SignShift,
                    Size = (byte)f.Size,
                }).ToArray();
            }

            if ((header & FitProtocol.DeveloperDataFlag) != 0)
            {
                if (end - q < 1)
                {
                    throw Error("definition message runs past the end of the data", p);
                }

                int devCount = data[q++];
                if (end - q < devCount * 3)
                {
                    throw Error("definition message runs past the end of the data", p);
                }

                var devs = new DevFieldDef[devCount];
                for (var i = 0; i < devCount; i++, q += 3)
                {
                    devs[i] = new DevFieldDef { Number = data[q], Size = data[q + 1], Index = data[q + 2], Offset = size };
                    size += data[q + 1];
                }

                def.DevFields = devs;
                def.RecordHasOther |= def.IsRecord && devCount > 0;
            }

            def.Size = size;
            _defs[header & FitProtocol.LocalTypeMask] = def;
            return q;
        }

        private static byte RecordKind(int number) => number switch
        {
            FitProtocol.TimestampField => KTimestamp,
            0 => KLat,
            1 => KLong,
            2 => KAltitude,
            3 => KHeartRate,
            4 => KCadence,
            5 => KDistance,
            6 => KSpeed,
            7 => KPower,
            8 => KCsd,
            13 => KTemperature,
            53 => KFracCadence,
            73 => KEnhSpeed,
            78 => KEnhAltitude,
            _ => KOther,
        };

        private int DecodeData(ReadOnlySpan<byte> data, int p, int end, Definition def, uint? compressedTimestamp)
        {
            if (end - p - 1 < def.Size)
            {
                throw Error(string.Create(CultureInfo.InvariantCulture, $"data message ({def.Size} bytes, message {def.Global}) runs past the end of the data"), p);
            }

            var body = data.Slice(p + 1, def.Size);
            if (def.IsRecord)
            {
                DecodeRecord(body, def, p, compressedTimestamp);
            }
            else
            {
                var msg = DecodeGeneric(body, def, p, compressedTimestamp, recordExtrasOnly: false);
                file.Messages.Add(msg);
            }

            return p + 1 + def.Size;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void DecodeRecord(ReadOnlySpan<byte> body, Definition def, int offset, uint? compressedTimestamp)
        {
            ref var r = ref file.Records.Add();
            var little = def.Little;
            var speed16 = false;
            var alt16 = false;
            if (compressedTimestamp is { } cts)
            {
                r.Timestamp = cts;
            }

            // body.Length == def.Size and every plan entry lies inside it (checked when the definition was read),
            // so the reads below need no bounds checks.
            ref var b0 = ref MemoryMarshal.GetReference(body);
            var plan = def.RecordPlan;
            ref var s0 = ref MemoryMarshal.GetArrayDataReference(plan);
            for (var i = 0; i < plan.Length; i++)
            {
                ref readonly var f = ref Unsafe.Add(ref s0, i);
                ref var at = ref Unsafe.Add(ref b0, f.Offset);
                ulong v;
                var op = f.Op;
                if (op == 4)
                {
                    v = Unsafe.ReadUnaligned<uint>(ref at);
                }
                else if (op == 1)
                {
                    v = at;
                }
                else if (op == 2)
                {
                    v = Unsafe.ReadUnaligned<ushort>(ref at);
                }
                else
                {
                    v = ReadOther(ref at, op);
                }

                if (v == f.Invalid)
                {
                    continue;
                }

                if (f.SignShift != 0)
                {
                    v = (ulong)((long)(v << f.SignShift) >> f.SignShift);
                }

                switch (f.Kind)
                {
                    case KTimestamp:
                        r.Timestamp = (uint)v;
                        _lastTimestamp = (uint)v;
                        break;
                    case KCsd:
                        ExpandCompressedSpeedDistance(body.Slice(f.Offset, f.Size), ref r, ref speed16);
                        break;
                    case KLat:
                        r.PositionLat = (int)v;
                        break;
                    case KLong:
                        r.PositionLong = (int)v;
                        break;
                    case KAltitude:
                        // Component expansion altitude -> enhanced_altitude: the 16-bit value wins, as in Garmin's SDK.
                        r.AltitudeRaw = (uint)(v & 0xFFFF);
                        alt16 = true;
                        break;
                    case KEnhAltitude:
                        if (!alt16)
                        {
                            r.AltitudeRaw = (uint)v;
                        }

                        break;
                    case KSpeed:
                        r.SpeedRaw = (uint)(v & 0xFFFF);
                        speed16 = true;
                        break;
                    case KEnhSpeed:
                        if (!speed16)
                        {
                            r.SpeedRaw = (uint)v;
                        }

                        break;
                    case KHeartRate:
                        r.HeartRate = (byte)v;
                        break;
                    case KCadence:
                        r.Cadence = (byte)v;
                        break;
                    case KFracCadence:
                        r.FractionalCadence = (byte)v;
                        break;
                    case KPower:
                        r.Power = (ushort)v;
                        break;
                    case KTemperature:
                        r.Temperature = (sbyte)v;
                        break;
                    case KDistance:
                        r.DistanceRaw = (uint)v;
                        r.DistanceUnit = 0;
                        // A full distance resets the accumulator base (Garmin keeps the raw value).
                        _distanceAcc = (long)v;
                        _distanceLast = (long)v;
                        _distanceInit = true;
                        break;
                }
            }

            if (def.RecordHasOther && options.KeepRecordExtras)
            {
                if (!def.ExtrasNeedState)
                {
                    // Keep the bytes; fields are decoded when asked for (no objects per record on this path).
                    var lazy = def.LazyPlan;
                    var devDescs = ResolveDevDescs(def);
                    if (lazy is null || !ReferenceEquals(lazy.DevDescs, devDescs))
                    {
                        lazy = def.LazyPlan = new LazyExtraPlan(def, devDescs);
                    }

                    r.ExtraIndex = file.AddLazyRecordExtra(body, lazy, offset);
                    return;
                }

                // Decode into a reused scratch message, then copy the fields into the file's flat extras store.
                var scratch = _scratch ??= new FitMessage(FitProfile.Record, FitProfile.Message(FitProfile.Record), 0, 0, 16);
                scratch.Fields.Clear();
                scratch.DeveloperFields?.Clear();
                FillGeneric(scratch, body, def, null, recordExtrasOnly: true);
                if (scratch.Fields.Count > 0 || scratch.DeveloperFields is { Count: > 0 })
                {
                    r.ExtraIndex = file.AddRecordExtra(scratch.Fields, scratch.DeveloperFields, offset);
                }
            }
        }

        private static ulong ReadOther(ref byte at, byte op) => op switch
        {
            8 => Unsafe.ReadUnaligned<ulong>(ref at),
            18 => BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ushort>(ref at)),
            20 => BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(ref at)),
            _ => BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(ref at)),
        };

        private void ExpandCompressedSpeedDistance(ReadOnlySpan<byte> bytes, ref FitRecord r, ref bool speedSet)
        {
            if (bytes.Length < 3 || bytes.IndexOfAnyExcept((byte)0xFF) < 0)
            {
                return;
            }

            var bits = bytes[0] | (bytes[1] << 8) | (bytes[2] << 16);
            var speedBits = bits & 0xFFF;
            var distanceBits = (bits >> 12) & 0xFFF;
            // speed: 12 bits at 1/100 m/s = 10 mm/s units of enhanced_speed.
            r.SpeedRaw = (uint)speedBits * 10;
            speedSet = true;
            if (!_distanceInit)
            {
                _distanceAcc = _distanceLast = distanceBits;
                _distanceInit = true;
            }

            _distanceAcc += (distanceBits - _distanceLast) & 0xFFF;
            _distanceLast = distanceBits;
            r.DistanceRaw = (uint)_distanceAcc;
            r.DistanceUnit = 1;
        }

        private long Accumulate(int message, int field, long value, int bits)
        {
            var key = (message, field);
            if (!_acc.TryGetValue(key, out var a))
            {
                a = (value, value);
            }

            var mask = (1L << bits) - 1;
            a.Acc += (value - a.Last) & mask;
            a.Last = value;
            _acc[key] = a;
            return a.Acc;
        }

        private FitMessage DecodeGeneric(ReadOnlySpan<byte> body, Definition def, int offset, uint? compressedTimestamp, bool recordExtrasOnly)
        {
            // Room for the fields plus a few sub-field/component expansions, so the list rarely regrows.
            var msg = new FitMessage(def.Global, def.Profile, offset, file.Records.Count, def.Fields.Length + 2);
            FillGeneric(msg, body, def, compressedTimestamp, recordExtrasOnly);
            return msg;
        }

        private void FillGeneric(FitMessage msg, ReadOnlySpan<byte> body, Definition def, uint? compressedTimestamp, bool recordExtrasOnly)
        {
            ReadFields(msg, body, def, recordExtrasOnly, ResolveDevDescs(def));
            for (var i = 0; i < msg.Fields.Count; i++)
            {
                var field = msg.Fields[i];
                if (field.Number == FitProtocol.TimestampField && !recordExtrasOnly && field.TryGetInteger(out var ts))
                {
                    _lastTimestamp = (uint)ts;
                }

                if (field.Profile is { IsAccumulated: true } accumulated)
                {
                    ResetAccumulator(msg, i, def.Global, accumulated, field);
                }
            }

            if (compressedTimestamp is { } cts && !def.HasTimestampField)
            {
                msg.Fields.Add(new FitField(FitProtocol.TimestampField, FitBaseType.UInt32, (long)cts, def.Profile?.Field(FitProtocol.TimestampField)));
            }

            if (def.Global == FitProfile.DeveloperDataId)
            {
                if (msg.GetRaw("developer_data_index") is { } idx and not 0xFF)
                {
                    // Re-declaring an index starts its field list afresh (Garmin's SDK does the same).
                    _devIds.Add((int)idx);
                    _devFieldCounts[(int)idx] = 0;
                    _devVersion++;
                    foreach (var key in file.DeveloperFieldDescriptions.Keys.Where(k => k.Index == idx).ToList())
                    {
                        file.DeveloperFieldDescriptions.Remove(key);
                    }
                }
            }
            else if (def.Global == FitProfile.FieldDescription)
            {
                RegisterFieldDescription(msg);
            }
            else if (def.Profile is not null)
            {
                FitExpansion.ExpandSubFields(msg);
                FitExpansion.ExpandComponents(msg, _accumulate ??= Accumulate);
            }
        }

        /// <summary>
        /// A full value of an accumulated field resets the accumulator base (the last element for arrays). Like Garmin's
        /// SDK, the value is converted to the units of a component already read in this message that targets it.
        /// </summary>
        private void ResetAccumulator(FitMessage msg, int index, int global, FitFieldProfile field, FitField value)
        {
            long raw;
            if (value.TryGetInteger(out var scalar))
            {
                raw = scalar;
            }
            else if (value.Raw is object?[] items && Array.FindLast(items, i => i is long) is long last)
            {
                raw = last;
            }
            else
            {
                return;
            }

            double v = raw;
            for (var k = 0; k < index; k++)
            {
                var p = msg.Fields[k].Profile;
                if (p is null)
                {
                    continue;
                }

                var i = Array.IndexOf(p.Components, field.Number);
                if (i >= 0)
                {
                    v = (v / (field.Scale.Length > 0 ? field.Scale[0] : 1) - (field.Offset.Length > 0 ? field.Offset[0] : 0)
                        + (i < p.Offset.Length ? p.Offset[i] : 0)) * (i < p.Scale.Length ? p.Scale[i] : 1);
                }
            }

            _acc[(global, field.Number)] = ((long)v, (long)v);
        }

        private FitDeveloperFieldDescription?[] ResolveDevDescs(Definition def)
        {
            if (def.DevFields.Length == 0)
            {
                return [];
            }

            if (def.DevVersion != _devVersion || def.DevDescs is null)
            {
                // A new array (not updated in place): lazy plans made earlier keep the descriptions of their time.
                def.DevDescs = Array.ConvertAll(def.DevFields, d => file.DeveloperFieldDescriptions.GetValueOrDefault((d.Index, d.Number)));
                def.DevVersion = _devVersion;
            }

            return def.DevDescs;
        }

        private void RegisterFieldDescription(FitMessage msg)
        {
            if (msg.GetRaw("developer_data_index") is not { } idx || idx == 0xFF || !_devIds.Contains((int)idx)
                || msg.GetRaw("field_definition_number") is not { } num || msg.GetRaw("fit_base_type_id") is not { } bt)
            {
                return;
            }

            var baseType = (int)bt & FitProtocol.BaseTypeNumberMask;
            var description = new FitDeveloperFieldDescription(
                (int)idx, (int)num, FitBaseTypes.IsDefined(baseType) ? (FitBaseType)baseType : FitBaseType.Byte,
                msg.Field("field_name")?.Raw as string, msg.Field("units")?.Raw as string,
                msg.GetRaw("scale"), msg.GetRaw("offset"), (int?)msg.GetRaw("native_mesg_num"), (int?)msg.GetRaw("native_field_num"),
                _devFieldCounts.Values.Sum());
            _devFieldCounts[(int)idx] = _devFieldCounts.GetValueOrDefault((int)idx) + 1;
            // First description wins, as in Garmin's decoder.
            file.DeveloperFieldDescriptions.TryAdd(((int)idx, (int)num), description);
            _devVersion++;
        }
    }

    /// <summary>Reads the fields (all, or only those without a record slot) and developer fields of one message; no side effects.</summary>
    private static void ReadFields(FitMessage msg, ReadOnlySpan<byte> body, Definition def, bool recordExtrasOnly, FitDeveloperFieldDescription?[] devDescs)
    {
        var little = def.Little;
        foreach (ref readonly var f in def.Fields.AsSpan())
        {
            if (recordExtrasOnly && f.Kind != KOther)
            {
                continue;
            }

            var isArray = f.Profile?.IsArray ?? f.Size > f.BaseSize;
            if (!isArray && f.Type != FitBaseType.String && f.Size >= f.BaseSize && f.Size % f.BaseSize == 0)
            {
                // Scalar: stored unboxed.
                if (TryReadScalar(body.Slice(f.Offset, f.Size), f.Type, little, out var bits, out var kind))
                {
                    msg.Fields.Add(new FitField(f.Number, f.Type, bits, kind, f.Profile));
                }

                continue;
            }

            var raw = ReadValue(body.Slice(f.Offset, f.Size), f.Type, little, isArray, out var misaligned);
            if (raw is not null)
            {
                msg.Fields.Add(new FitField(f.Number, f.Type, raw, f.Profile) { IsMisaligned = misaligned });
            }
        }

        if (def.DevFields.Length == 0)
        {
            return;
        }

        msg.DeveloperFields ??= [];
        for (var i = 0; i < def.DevFields.Length; i++)
        {
            var d = def.DevFields[i];
            var slice = body.Slice(d.Offset, d.Size);
            if (devDescs[i] is { } desc)
            {
                var value = ReadValue(slice, desc.BaseType, little, d.Size > FitBaseTypes.Size(desc.BaseType), out _);
                if (value is not null)
                {
                    msg.DeveloperFields.Add(new FitDeveloperField(d.Index, d.Number, desc, value));
                }
            }
            else
            {
                // No description: keep the bytes so nothing is lost.
                msg.DeveloperFields.Add(new FitDeveloperField(d.Index, d.Number, null, slice.ToArray()));
            }
        }
    }

    /// <summary>Reads a field with Garmin's rules; null when invalid (or all elements invalid).</summary>
    internal static object? ReadValue(ReadOnlySpan<byte> s, FitBaseType type, bool little, bool isArray, out bool misaligned)
    {
        var size = FitBaseTypes.Size(type);
        misaligned = false;
        if (s.Length == 0)
        {
            return null;
        }

        if (s.Length % size != 0)
        {
            misaligned = true;
            return s.ToArray();
        }

        if (type == FitBaseType.String)
        {
            return ReadString(s);
        }

        var count = s.Length / size;
        var invalid = FitBaseTypes.InvalidBits(type);
        if (count == 1)
        {
            var bits = ReadBits(s, size, little);
            if (bits == invalid)
            {
                return null;
            }

            var one = Box(bits, type);
            return isArray ? new object?[] { one } : one;
        }

        if (type == FitBaseType.Byte)
        {
            if (s.IndexOfAnyExcept((byte)0xFF) < 0)
            {
                return null;
            }

            return isArray ? s.ToArray() : s[0];
        }

        var values = new object?[count];
        var any = false;
        for (var i = 0; i < count; i++)
        {
            var bits = ReadBits(s.Slice(i * size, size), size, little);
            if (bits != invalid)
            {
                values[i] = Box(bits, type);
                any = true;
            }
        }

        if (!any)
        {
            return null;
        }

        return isArray ? values : values[0];
    }

    /// <summary>First element of a field with Garmin's invalid rules; kind 0 long, 1 ulong, 2 double bits.</summary>
    private static bool TryReadScalar(ReadOnlySpan<byte> s, FitBaseType type, bool little, out long bits, out byte kind)
    {
        var size = FitBaseTypes.Size(type);
        var raw = ReadBits(s, size, little);
        kind = 0;
        bits = 0;
        if (type == FitBaseType.Byte && s.Length > 1)
        {
            // Byte arrays are invalid only when every byte is 0xFF; Garmin then keeps the first byte.
            if (s.IndexOfAnyExcept((byte)0xFF) < 0)
            {
                return false;
            }
        }
        else if (raw == FitBaseTypes.InvalidBits(type))
        {
            return false;
        }

        switch (type)
        {
            case FitBaseType.SInt8: bits = (sbyte)raw; break;
            case FitBaseType.SInt16: bits = (short)raw; break;
            case FitBaseType.SInt32: bits = (int)raw; break;
            case FitBaseType.UInt64 or FitBaseType.UInt64z: bits = (long)raw; kind = 1; break;
            case FitBaseType.Float32: bits = BitConverter.DoubleToInt64Bits(BitConverter.UInt32BitsToSingle((uint)raw)); kind = 2; break;
            case FitBaseType.Float64: bits = (long)raw; kind = 2; break;
            default: bits = (long)raw; break;
        }

        return true;
    }

    private static ulong ReadBits(ReadOnlySpan<byte> s, int size, bool little) => size switch
    {
        1 => s[0],
        2 => little ? BinaryPrimitives.ReadUInt16LittleEndian(s) : BinaryPrimitives.ReadUInt16BigEndian(s),
        4 => little ? BinaryPrimitives.ReadUInt32LittleEndian(s) : BinaryPrimitives.ReadUInt32BigEndian(s),
        _ => little ? BinaryPrimitives.ReadUInt64LittleEndian(s) : BinaryPrimitives.ReadUInt64BigEndian(s),
    };

    // Arms are cast to object: otherwise the switch's natural type would be double and every value a double.
    private static object Box(ulong bits, FitBaseType type) => type switch
    {
        FitBaseType.SInt8 => BoxLong((sbyte)bits),
        FitBaseType.SInt16 => BoxLong((short)bits),
        FitBaseType.SInt32 => BoxLong((int)bits),
        FitBaseType.SInt64 => BoxLong((long)bits),
        FitBaseType.UInt64 or FitBaseType.UInt64z => (object)bits,
        FitBaseType.Float32 => (object)(double)BitConverter.UInt32BitsToSingle((uint)bits),
        FitBaseType.Float64 => (object)BitConverter.UInt64BitsToDouble(bits),
        _ => BoxLong((long)bits),
    };

    // Array elements are boxed; small values (HR, cadence, hrv intervals...) share cached boxes.
    private const int BoxCacheMin = -128, BoxCacheMax = 4095;
    private static readonly object[] BoxCache = Enumerable.Range(BoxCacheMin, BoxCacheMax - BoxCacheMin + 1).Select(i => (object)(long)i).ToArray();

    private static object BoxLong(long v) => v is >= BoxCacheMin and <= BoxCacheMax ? BoxCache[v - BoxCacheMin] : v;

    private static string? ReadString(ReadOnlySpan<byte> s)
    {
        // Garmin: lenient UTF-8, drop replacement chars, split on NUL, drop trailing empties, keep the first.
        var text = Encoding.UTF8.GetString(s).Replace("\uFFFD", "", StringComparison.Ordinal);
        var parts = text.Split('\0');
        var n = parts.Length;
        while (n > 0 && parts[n - 1].Length == 0)
        {
            n--;
        }

        return n == 0 ? null : parts[0];
    }
}
