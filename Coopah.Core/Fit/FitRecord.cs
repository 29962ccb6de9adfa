using System.Runtime.InteropServices;

namespace Coopah.Core.Fit;

/// <summary>
/// A record message as compact typed values (raw wire units; invalid patterns mean "absent"). Kept small on
/// purpose: the record stream dominates FIT files and this struct is what the fast path stores.
/// Fields the struct has no slot for are kept in <see cref="FitFile.RecordExtras"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public struct FitRecord
{
    public const uint NoTimestamp = 0xFFFFFFFF;
    public const int NoPosition = 0x7FFFFFFF;
    public const uint NoValue32 = 0xFFFFFFFF;

    /// <summary>FIT seconds (since 1989-12-31T00:00:00Z).</summary>
    public uint Timestamp;
    public int PositionLat;
    public int PositionLong;

    /// <summary>Metres (NaN when absent); a double because accumulated 1/16 m values do not fit centimetres.</summary>
    public double Distance;

    /// <summary>enhanced_speed raw (mm/s); the 16-bit speed expands into it.</summary>
    public uint SpeedRaw;

    /// <summary>enhanced_altitude raw ((m + 500) * 5); the 16-bit altitude expands into it.</summary>
    public uint AltitudeRaw;
    public ushort Power;
    public byte HeartRate;
    public byte Cadence;
    public byte FractionalCadence;
    public sbyte Temperature;

    /// <summary>Index into <see cref="FitFile.RecordExtras"/>, or -1.</summary>
    public int ExtraIndex;

    public readonly bool HasTimestamp => Timestamp != NoTimestamp;

    public readonly DateTime? Time => HasTimestamp ? FitValues.ToDateTime(Timestamp) : null;

    public readonly double? Latitude => PositionLat == NoPosition ? null : PositionLat * (180.0 / 2147483648.0);

    public readonly double? Longitude => PositionLong == NoPosition ? null : PositionLong * (180.0 / 2147483648.0);

    public readonly double? DistanceMeters => double.IsNaN(Distance) ? null : Distance;

    public readonly double? Speed => SpeedRaw == NoValue32 ? null : SpeedRaw / 1000.0;

    public readonly double? Altitude => AltitudeRaw == NoValue32 ? null : AltitudeRaw / 5.0 - 500.0;

    public readonly int? HeartRateBpm => HeartRate == 0xFF ? null : HeartRate;

    public readonly int? CadenceRpm => Cadence == 0xFF ? null : Cadence;

    public readonly int? PowerWatts => Power == 0xFFFF ? null : Power;

    public readonly int? TemperatureC => Temperature == 0x7F ? null : Temperature;

    /// <summary>Running cadence in steps/min (2 x (cadence + fractional_cadence)).</summary>
    public readonly double? StepsPerMinute => Cadence == 0xFF
        ? null
        : 2 * (Cadence + (FractionalCadence == 0xFF ? 0 : FractionalCadence / 128.0));

    public static FitRecord Empty => new()
    {
        Timestamp = NoTimestamp,
        PositionLat = NoPosition,
        PositionLong = NoPosition,
        Distance = double.NaN,
        SpeedRaw = NoValue32,
        AltitudeRaw = NoValue32,
        Power = 0xFFFF,
        HeartRate = 0xFF,
        Cadence = 0xFF,
        FractionalCadence = 0xFF,
        Temperature = 0x7F,
        ExtraIndex = -1,
    };
}
