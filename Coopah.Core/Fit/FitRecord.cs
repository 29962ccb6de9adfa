using System.Runtime.InteropServices;

namespace Coopah.Core.Fit;

/// <summary>
/// A record message as compact typed values (raw wire units; invalid patterns mean "absent"). Kept small on
/// purpose: the record stream dominates FIT files and this struct is what the fast path stores.
/// Fields the struct has no slot for are kept in <see cref="FitFile.RecordExtra"/>.
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

    /// <summary>Distance raw: 1/100 m, or 1/16 m when <see cref="DistanceUnit"/> is 1 (accumulated compressed_speed_distance).</summary>
    public uint DistanceRaw;

    /// <summary>enhanced_speed raw (mm/s); the 16-bit speed expands into it.</summary>
    public uint SpeedRaw;

    /// <summary>enhanced_altitude raw ((m + 500) * 5); the 16-bit altitude expands into it.</summary>
    public uint AltitudeRaw;
    /// <summary>Index into <see cref="FitFile.RecordExtra"/>, or -1.</summary>
    public int ExtraIndex;
    public ushort Power;
    public byte HeartRate;
    public byte Cadence;
    public byte FractionalCadence;
    public sbyte Temperature;

    /// <summary>0: <see cref="DistanceRaw"/> in 1/100 m; 1: in 1/16 m.</summary>
    public byte DistanceUnit;


    public readonly bool HasTimestamp => Timestamp != NoTimestamp;

    public readonly DateTime? Time => HasTimestamp ? FitValues.ToDateTime(Timestamp) : null;

    public readonly double? Latitude => PositionLat == NoPosition ? null : FitValues.SemicirclesToDegrees(PositionLat);

    public readonly double? Longitude => PositionLong == NoPosition ? null : FitValues.SemicirclesToDegrees(PositionLong);

    // raw / 100 (or / 16) exactly as Garmin's SDK computes it, so canonical rounding agrees.
    public readonly double? DistanceMeters => DistanceRaw == NoValue32 ? null : DistanceUnit == 0 ? DistanceRaw / 100.0 : DistanceRaw / 16.0;

    /// <summary>Sets the distance in metres (stored in centimetres).</summary>
    public void SetDistanceMeters(double meters)
    {
        DistanceRaw = (uint)FitValues.JsRound(meters * 100);
        DistanceUnit = 0;
    }

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

    /// <summary>A record with the given values (physical units; null = absent), e.g. for building activities to encode.</summary>
    public static FitRecord At(
        DateTime time, double? latitude = null, double? longitude = null, double? distanceMeters = null, double? speed = null,
        double? altitude = null, int? heartRate = null, int? cadence = null, int? power = null)
    {
        var r = Empty;
        r.Timestamp = FitValues.FromDateTime(time);
        if (latitude is { } lat)
        {
            r.PositionLat = FitValues.DegreesToSemicircles(lat);
        }

        if (longitude is { } lon)
        {
            r.PositionLong = FitValues.DegreesToSemicircles(lon);
        }

        if (distanceMeters is { } d)
        {
            r.SetDistanceMeters(d);
        }

        if (speed is { } v)
        {
            r.SpeedRaw = (uint)FitValues.JsRound(v * 1000);
        }

        if (altitude is { } a)
        {
            r.AltitudeRaw = (uint)FitValues.JsRound((a + 500) * 5);
        }

        r.HeartRate = heartRate is { } hr ? (byte)hr : r.HeartRate;
        r.Cadence = cadence is { } c ? (byte)c : r.Cadence;
        r.Power = power is { } p ? (ushort)p : r.Power;
        return r;
    }

    public static FitRecord Empty => new()
    {
        Timestamp = NoTimestamp,
        PositionLat = NoPosition,
        PositionLong = NoPosition,
        DistanceRaw = NoValue32,
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
