using System.Buffers.Binary;
using Coopah.Core.Fit;

namespace Coopah.Web.Tests.Core.Fit;

public sealed class FitDecoderTests
{
    [Fact]
    public void Crc_CheckString_MatchesCrc16Arc()
    {
        Assert.Equal(0xBB3D, FitCrc.Compute("123456789"u8));
        Assert.Equal(0x31B7, FitCrc.Compute([0x0E, 0x02, 0xE1, 0x52, 0x43, 0x8F, 0x01, 0x00, 0x2E, 0x46, 0x49, 0x54]));
    }

    [Fact]
    public void Crc_WholeFileIncludingCrc_IsZero()
    {
        Assert.Equal(0, FitCrc.Compute(FitTestFiles.RunBytes(10)));
    }

    [Fact]
    public void Decode_OwnActivity_ReadsTypedView()
    {
        var activity = FitActivity.Decode(FitTestFiles.RunBytes());

        Assert.Equal(300, activity.Records.Count);
        Assert.Equal(2, activity.Laps.Count);
        Assert.Equal("session_end", activity.Laps[1].LapTrigger);
        Assert.Equal(1, activity.Laps[1].WktStepIndex);
        Assert.Equal(150, activity.Laps[0].TotalElapsedTime);
        Assert.Equal("running", activity.Sessions[0].Sport);
        var pause = Assert.Single(activity.Pauses);
        Assert.Equal(TimeSpan.FromSeconds(31), pause.Duration);
        Assert.Equal(3.0, activity.Records[0].Speed);
        Assert.Equal(35, activity.Records[0].Altitude);
        Assert.Equal(52.5, activity.Records[0].Latitude!.Value, 6);
        Assert.Equal(FitTestFiles.Start, activity.Records[0].Time);
    }

    [Fact]
    public void EncodeActivity_BuiltFromScratch_DecodesBack()
    {
        var t0 = new DateTime(2025, 3, 1, 7, 0, 0, DateTimeKind.Utc);
        var records = Enumerable.Range(0, 10)
            .Select(i => FitRecord.At(t0.AddSeconds(i), 52.5, 13.4 + i * 1e-5, i * 3.2, 3.2, 41.2, 150 + i, 88))
            .ToList();
        var lap = new FitLap(t0, t0.AddSeconds(9), 9, 9, 28.8, 3.2, 3.3, 155, 159, "running", null, "session_end", "active", 0, "lap", "stop", 0);
        var session = new FitSession(t0, t0.AddSeconds(9), 9, 9, 28.8, 3.2, 3.3, 155, 159, "running", null, 0, 1, "activity_end", "session", "stop", 0);
        var built = new FitActivity(null, [session], [lap], records, [new FitEvent(t0, "timer", "start", 0, 0)], null);

        var decoded = FitActivity.Decode(FitEncoder.EncodeActivity(built));

        Assert.Equal(10, decoded.Records.Count);
        Assert.Equal(28.8, decoded.Records[9].DistanceMeters);
        Assert.Equal(41.2, decoded.Records[9].Altitude!.Value, 6);
        Assert.Equal(13.4 + 9e-5, decoded.Records[9].Longitude!.Value, 6);
        Assert.Equal(159, decoded.Records[9].HeartRateBpm);
        Assert.Equal("activity", decoded.FileId!.Type);
        Assert.Equal(0, decoded.Laps[0].WktStepIndex);
        Assert.Equal(28.8, decoded.Sessions[0].TotalDistance);
    }

    [Fact]
    public void Decode_BigEndianFile_EqualsLittleEndian()
    {
        var little = FitCanonicalJson.Write(FitDecoder.Decode(FitTestFiles.RunBytes(bigEndian: false)));
        var big = FitCanonicalJson.Write(FitDecoder.Decode(FitTestFiles.RunBytes(bigEndian: true)));

        Assert.Equal(little, big);
    }

    [Fact]
    public void Decode_StreamInput_EqualsSpanInput()
    {
        var bytes = FitTestFiles.RunBytes(50);

        var fromStream = FitDecoder.Decode(new MemoryStream(bytes));

        Assert.Equal(FitCanonicalJson.Write(FitDecoder.Decode(bytes)), FitCanonicalJson.Write(fromStream));
    }

    [Fact]
    public void Decode_CompressedTimestamps_ResolvesOffsetsAndRollover()
    {
        var w = new FitWriter();
        var t0 = 1_000_000_030u; // low 5 bits = 30: the next seconds roll over the 32-s window
        w.Write(new FitMessageBuilder(FitProfile.FileId).Enum(0, 4));
        w.Write(new FitMessageBuilder(FitProfile.Record).UInt32(253, t0).UInt8(3, 100));
        uint[] times = [t0 + 1, t0 + 2, t0 + 5, t0 + 36, t0 + 36 + 31, t0 + 36 + 31 + 32];
        foreach (var t in times)
        {
            w.WriteCompressed(new FitMessageBuilder(FitProfile.Record).UInt8(3, 101), t);
        }

        var bytes = w.ToArray();
        var file = FitDecoder.Decode(bytes);

        Assert.Equal([t0, .. times], file.Records.Select(r => r.Timestamp));
        // 5 of the 6 follow-ups fit the 31-s window: 1 header byte + 1 HR byte each; the 32-s gap needs a full record.
        Assert.True(bytes.Length < 200, $"{bytes.Length} bytes: timestamps were not compressed");
    }

    [Fact]
    public void Decode_SixteenLocalTypesAndRedefinitions_AllMessagesRead()
    {
        var w = new FitWriter();
        w.Write(new FitMessageBuilder(FitProfile.FileId).Enum(0, 4));
        for (var i = 0; i < 40; i++)
        {
            // A different layout each time forces definitions across all local slots, reused round-robin.
            var m = new FitMessageBuilder(FitProfile.Event).UInt32(253, 1_000_000_000 + i).Enum(0, 0).Enum(1, 0);
            for (var k = 0; k < i % 17; k++)
            {
                m.UInt8(100 + k, k);
            }

            w.Write(m);
        }

        for (var i = 0; i < 4; i++)
        {
            w.WriteCompressed(new FitMessageBuilder(FitProfile.Record).UInt8(3, 90 + i), (uint)(1_000_000_040 + i));
        }

        var file = FitDecoder.Decode(w.ToArray());

        Assert.Equal(40, file.CountOf(FitProfile.Event));
        Assert.Equal(4, file.Records.Count);
        Assert.Equal(39 % 17, file.MessagesOf(FitProfile.Event).Last().Fields.Count(f => f.Number is >= 100 and < 200));
    }

    [Fact]
    public void Decode_EveryBaseType_ReadsValuesAndDropsInvalids()
    {
        var m = new FitMessageBuilder(0xFF00)
            .Raw(0, FitBaseType.Enum, 3).Raw(1, FitBaseType.SInt8, unchecked((ulong)-5))
            .Raw(2, FitBaseType.UInt8, 200).Raw(3, FitBaseType.SInt16, unchecked((ulong)-300))
            .Raw(4, FitBaseType.UInt16, 60000).Raw(5, FitBaseType.SInt32, unchecked((ulong)-70000))
            .Raw(6, FitBaseType.UInt32, 4_000_000_000).String(7, "héllo")
            .Float32(8, 1.5f).Raw(9, FitBaseType.Float64, BitConverter.DoubleToUInt64Bits(-2.25))
            .Raw(10, FitBaseType.UInt8z, 7).Raw(11, FitBaseType.UInt16z, 8).Raw(12, FitBaseType.UInt32z, 9)
            .Bytes(13, FitBaseType.Byte, [1, 2, 0xFF]).Raw(14, FitBaseType.SInt64, unchecked((ulong)-1))
            .Raw(15, FitBaseType.UInt64, 1UL << 60).Raw(16, FitBaseType.UInt64z, 42);
        var invalid = new FitMessageBuilder(0xFF00);
        for (var t = 0; t < FitBaseTypes.Count; t++)
        {
            var type = (FitBaseType)t;
            if (type == FitBaseType.String)
            {
                invalid.Bytes(t, type, [0, 0]);
            }
            else if (type == FitBaseType.Byte)
            {
                invalid.Bytes(t, type, [0xFF, 0xFF]);
            }
            else
            {
                invalid.Raw(t, type, FitBaseTypes.InvalidBits(type));
            }
        }

        var w = new FitWriter();
        w.Write(m);
        w.Write(invalid);

        var file = FitDecoder.Decode(w.ToArray());

        var values = file.Messages[0];
        Assert.Equal("unknown_65280", values.Name);
        Assert.Equal(3L, values.Field(0)!.Raw);
        Assert.Equal(-5L, values.Field(1)!.Raw);
        Assert.Equal(200L, values.Field(2)!.Raw);
        Assert.Equal(-300L, values.Field(3)!.Raw);
        Assert.Equal(60000L, values.Field(4)!.Raw);
        Assert.Equal(-70000L, values.Field(5)!.Raw);
        Assert.Equal(4_000_000_000L, values.Field(6)!.Raw);
        Assert.Equal("héllo", values.Field(7)!.Raw);
        Assert.Equal(1.5, values.Field(8)!.Raw);
        Assert.Equal(-2.25, values.Field(9)!.Raw);
        Assert.Equal(7L, values.Field(10)!.Raw);
        Assert.Equal(8L, values.Field(11)!.Raw);
        Assert.Equal(9L, values.Field(12)!.Raw);
        Assert.Equal(new byte[] { 1, 2, 0xFF }, values.Field(13)!.Raw);
        Assert.Equal(-1L, values.Field(14)!.Raw);
        Assert.Equal(1UL << 60, values.Field(15)!.Raw);
        Assert.Equal(42UL, values.Field(16)!.Raw);
        Assert.Equal("field_16", values.Field(16)!.Name);
        Assert.Empty(file.Messages[1].Fields);
    }

    [Fact]
    public void Decode_FieldSizeNotMultipleOfBaseType_KeepsBytesAndStaysInSync()
    {
        var w = new FitWriter();
        w.Write(new FitMessageBuilder(FitProfile.Event).UInt32(253, 1_000_000_000).Bytes(3, FitBaseType.UInt32, [1, 2, 3]).Enum(0, 0).Enum(1, 4));

        var e = FitDecoder.Decode(w.ToArray()).Messages[0];

        Assert.True(e.Field(3)!.IsMisaligned);
        Assert.Equal(new byte[] { 1, 2, 3 }, e.Field(3)!.Raw);
        Assert.Equal("timer", e.Get("event"));
        Assert.Equal("stop_all", e.Get("event_type"));
    }

    [Fact]
    public void Decode_RecordFieldWithOddSize_KeptRawInExtras()
    {
        var w = new FitWriter();
        w.Write(new FitMessageBuilder(FitProfile.Record).UInt32(253, 1_000_000_000).Bytes(6, FitBaseType.UInt16, [1, 2, 3]).UInt8(3, 140));

        var file = FitDecoder.Decode(w.ToArray());

        Assert.Null(file.Records[0].Speed);
        Assert.Equal(140, file.Records[0].HeartRateBpm);
        var speed = file.RecordExtra(0)!.Field(6)!;
        Assert.True(speed.IsMisaligned);
        Assert.Equal(new byte[] { 1, 2, 3 }, speed.Raw);
    }

    [Fact]
    public void Value_DateTimeOutOfRange_KeptAsNumber()
    {
        // Found by afl++: a date_time field declared with a 64-bit base type.
        var w = new FitWriter();
        w.Write(new FitMessageBuilder(FitProfile.FileId).Raw(4, FitBaseType.UInt64, 0x7000_0000_0000_0000).Raw(253, FitBaseType.SInt64, unchecked((ulong)-1)));

        var m = FitDecoder.Decode(w.ToArray()).Messages[0];

        Assert.Equal(0x7000_0000_0000_0000UL, m.Get("time_created"));
        Assert.NotNull(FitDumpJson.Write(FitDecoder.Decode(w.ToArray())));
    }

    [Fact]
    public void WorkoutStep_PaceTarget_StoredAsSpeedTimesThousand()
    {
        var step = FitWorkoutStep.Distance(1, 1000).WithPace(260, 250);

        Assert.Equal(("speed", 0L, 3846L, 4000L), (step.TargetType, step.TargetValue, step.CustomTargetLow, step.CustomTargetHigh));
        Assert.Equal(100000, step.DurationValue);
        Assert.Equal(1000, step.DurationMeters);
        Assert.Equal((3.846, 4.0), step.SpeedRange);
    }

    [Fact]
    public void Decode_DeveloperFields_KeptByNameAndValue()
    {
        var w = new FitWriter();
        w.Write(new FitMessageBuilder(FitProfile.FileId).Enum(0, 4));
        w.Write(new FitMessageBuilder(FitProfile.DeveloperDataId).UInt8(3, 0).Bytes(1, FitBaseType.Byte, new byte[16]));
        w.Write(new FitMessageBuilder(FitProfile.FieldDescription).UInt8(0, 0).UInt8(1, 7).UInt8(2, 0x84).String(3, "RunPower").String(8, "W").UInt16(14, 20).UInt8(15, 7));
        w.Write(new FitMessageBuilder(FitProfile.Record).UInt32(253, 1_000_000_000).UInt8(3, 150).Developer(0, 7, [0x2C, 0x01]).Developer(1, 9, [5]));

        var file = FitDecoder.Decode(w.ToArray());

        var extra = file.RecordExtra(0)!;
        var power = extra.DeveloperFields![0];
        Assert.Equal("RunPower", power.Name);
        Assert.Equal("W", power.Units);
        Assert.Equal(300L, power.Raw);
        Assert.Equal(20, power.NativeMessage);
        Assert.Null(extra.DeveloperFields[1].Name);
        Assert.Equal(new byte[] { 5 }, extra.DeveloperFields[1].Raw);
        Assert.Equal(150, file.Records[0].HeartRateBpm);
    }

    [Fact]
    public void Decode_DeveloperDescriptionArrivingLate_AppliesOnlyToLaterRecords()
    {
        var w = new FitWriter();
        w.Write(new FitMessageBuilder(FitProfile.DeveloperDataId).UInt8(3, 0));
        w.Write(new FitMessageBuilder(FitProfile.Record).UInt32(253, 1_000_000_000).Developer(0, 1, [7]));
        w.Write(new FitMessageBuilder(FitProfile.FieldDescription).UInt8(0, 0).UInt8(1, 1).UInt8(2, 2).String(3, "Laps"));
        w.Write(new FitMessageBuilder(FitProfile.Record).UInt32(253, 1_000_000_001).Developer(0, 1, [8]));

        var file = FitDecoder.Decode(w.ToArray());

        Assert.Null(file.RecordExtra(0)!.DeveloperFields![0].Name);
        Assert.Equal("Laps", file.RecordExtra(1)!.DeveloperFields![0].Name);
        Assert.Equal(8L, file.RecordExtra(1)!.DeveloperFields![0].Raw);
    }

    [Fact]
    public void Decode_RecordCycles_AccumulateIntoTotalCycles()
    {
        var w = new FitWriter();
        foreach (var cycles in new[] { 250, 10, 20 })
        {
            w.Write(new FitMessageBuilder(FitProfile.Record).UInt32(253, 1_000_000_000 + cycles).UInt8(18, cycles));
        }

        var file = FitDecoder.Decode(w.ToArray());

        Assert.Equal([250.0, 266.0, 276.0], Enumerable.Range(0, 3).Select(i => file.RecordExtra(i)!.GetDouble("total_cycles")!.Value));
    }

    [Fact]
    public void Decode_ChainedFiles_ReadsEverySegment()
    {
        var a = FitTestFiles.RunBytes(20);
        var b = FitEncoder.EncodeWorkout(new FitWorkout("W", "running", null, [FitWorkoutStep.Open(0)]));

        var file = FitDecoder.Decode([.. a, .. b]);

        Assert.Equal(2, file.Headers.Count);
        Assert.Equal(a.Length, file.Headers[1].Offset);
        Assert.Equal(20, file.Records.Count);
        Assert.Single(file.MessagesOf(FitProfile.WorkoutStep));
    }

    [Fact]
    public void Decode_TwelveByteHeaderAndZeroHeaderCrc_Accepted()
    {
        var bytes = FitTestFiles.RunBytes(5);
        var zeroCrc = (byte[])bytes.Clone();
        zeroCrc[12] = 0;
        zeroCrc[13] = 0;
        FixFileCrc(zeroCrc, 0);
        byte[] twelve = [.. bytes[..12], .. bytes[14..^2], 0, 0];
        twelve[0] = 12;
        FixFileCrc(twelve, 0);

        var a = FitDecoder.Decode(zeroCrc);
        var b = FitDecoder.Decode(twelve);

        Assert.Null(a.Headers[0].HeaderCrcValid);
        Assert.Equal(12, b.Headers[0].HeaderSize);
        Assert.Equal(5, b.Records.Count);
    }

    [Fact]
    public void Decode_CorruptData_FileCrcErrorUnlessReadOn()
    {
        var bytes = FitTestFiles.RunBytes(5);
        bytes[40] ^= 0x01;

        var ex = Assert.Throws<FitFormatException>(() => FitDecoder.Decode(bytes));

        Assert.Equal(bytes.Length - 2, ex.Offset);
        Assert.Single(FitDecoder.Decode(bytes, new FitDecodeOptions { ReadOnCrcError = true }).Errors);
    }

    [Fact]
    public void Decode_HeaderClaiming4GB_ThrowsWithoutAllocatingIt()
    {
        var bytes = FitTestFiles.RunBytes(5);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 0xFFFFFFF0);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(12), FitCrc.Compute(bytes.AsSpan(0, 12)));
        FitDecoder.Decode(FitTestFiles.RunBytes(5));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<FitFormatException>(() => FitDecoder.Decode(bytes));
        var lenient = FitDecoder.Decode(bytes, new FitDecodeOptions { Lenient = true });
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
        Assert.Equal(5, lenient.Records.Count);
        Assert.True(allocated < 1_000_000, $"allocated {allocated} bytes");
    }

    [Theory]
    [InlineData(new byte[0], "empty input")]
    [InlineData(new byte[] { 14, 0x20 }, "truncated file header")]
    [InlineData(new byte[] { 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, "header size 5")]
    [InlineData(new byte[] { 12, 0x20, 0, 0, 0, 0, 0, 0, (byte)'.', (byte)'F', (byte)'I', (byte)'X' }, ".FIT")]
    public void Decode_BrokenHeader_ClearError(byte[] bytes, string expected)
    {
        var ex = Assert.Throws<FitFormatException>(() => FitDecoder.Decode(bytes));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_DataForUndefinedLocalType_ClearError()
    {
        byte[] data = [0x03, 1, 2, 3];
        var bytes = Wrap(data);

        var ex = Assert.Throws<FitFormatException>(() => FitDecoder.Decode(bytes));

        Assert.Contains("undefined local message type 3", ex.Message, StringComparison.Ordinal);
        Assert.Equal(14, ex.Offset);
    }

    [Fact]
    public void Decode_RandomCorruption_OnlyFitFormatExceptionEscapes()
    {
        var original = FitEncoder.EncodeActivity(FitTestFiles.Run(60) with
        {
            Workout = new FitWorkout("W", "running", null, [FitWorkoutStep.Time(0, 60).WithPace(300, 280)]),
        });
        var rng = new Random(1234);
        for (var i = 0; i < 3000; i++)
        {
            var bytes = Mutate(original, rng);
            foreach (var options in new[] { FitDecodeOptions.Default, new FitDecodeOptions { Lenient = true, ReadOnCrcError = true } })
            {
                try
                {
                    var file = FitDecoder.Decode(bytes, options);
                    _ = FitCanonicalJson.Write(file);
                    _ = FitDumpJson.Write(file);
                    _ = FitActivity.From(file).Pauses;
                }
                catch (FitFormatException ex)
                {
                    Assert.InRange(ex.Offset, 0, bytes.Length + 2);
                }
            }
        }
    }

    [Fact]
    public void Decode_SubFieldsAndComponents_Expanded()
    {
        var w = new FitWriter();
        w.Write(new FitMessageBuilder(FitProfile.FileId).Enum(0, 4).UInt16(1, 1).UInt16(2, 2697));
        w.Write(new FitMessageBuilder(FitProfile.Event).UInt32(253, 1_000_000_000).Enum(0, 0).Enum(1, 0).UInt32(3, 1));
        w.Write(new FitMessageBuilder(FitProfile.Lap).UInt32(253, 1_000_000_000).UInt16(13, 3500).UInt32(110, 1));
        w.Write(new FitMessageBuilder(FitProfile.Record).UInt32(253, 1_000_000_000).UInt16(6, 2500).UInt16(2, 2600).UInt32(73, 9999));

        var file = FitDecoder.Decode(w.ToArray());

        Assert.Equal("fenix5", file.Messages[0].Get("garmin_product"));
        Assert.Equal("auto", file.Messages[1].Get("timer_trigger"));
        Assert.Equal(3.5, file.Messages[2].GetDouble("enhanced_avg_speed"));
        Assert.Equal(2.5, file.Records[0].Speed);
        Assert.Equal(20, file.Records[0].Altitude);
    }

    [Fact]
    public void Decode_LargeRecordStream_AllocatesLessThanTwoBytesPerInputByte()
    {
        var bytes = FitTestFiles.RunBytes(20_000);
        FitDecoder.Decode(bytes);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var file = FitDecoder.Decode(bytes);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(20_000, file.Records.Count);
        Assert.True(allocated < 2.0 * bytes.Length, $"allocated {allocated} bytes for {bytes.Length} input bytes");
    }

    private static byte[] Mutate(byte[] original, Random rng)
    {
        var bytes = (byte[])original.Clone();
        switch (rng.Next(4))
        {
            case 0:
                for (var k = rng.Next(1, 4); k > 0; k--)
                {
                    bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
                }

                break;
            case 1:
                bytes = bytes[..rng.Next(bytes.Length)];
                break;
            case 2:
                var at = rng.Next(14, bytes.Length);
                bytes = [.. bytes[..at], (byte)rng.Next(256), .. bytes[at..]];
                break;
            default:
                bytes[rng.Next(14, bytes.Length - 2)] = (byte)rng.Next(256);
                FixFileCrc(bytes, 0);
                break;
        }

        return bytes;
    }

    private static byte[] Wrap(byte[] data)
    {
        var bytes = new byte[14 + data.Length + 2];
        bytes[0] = 14;
        bytes[1] = 0x20;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)data.Length);
        ".FIT"u8.CopyTo(bytes.AsSpan(8));
        data.CopyTo(bytes, 14);
        FixFileCrc(bytes, 0);
        return bytes;
    }

    private static void FixFileCrc(byte[] bytes, int start)
    {
        if (bytes.Length < 14)
        {
            return;
        }

        var end = bytes.Length - 2;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(end), FitCrc.Compute(bytes.AsSpan(start, end - start)));
    }
}
