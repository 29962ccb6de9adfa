using System.Globalization;

namespace Coopah.Core.Fit;

/// <summary>Writes workout files and activity files (protocol 2.0, header and file CRC) from the typed models.</summary>
public static class FitEncoder
{
    /// <summary>Manufacturer "development" (255), used when no file id is given.</summary>
    public const int DevelopmentManufacturer = 255;

    /// <summary>A workout file: file_id (type workout), workout, workout_step messages.</summary>
    public static byte[] EncodeWorkout(FitWorkout workout, FitFileId? fileId = null, bool bigEndian = false)
    {
        ArgumentNullException.ThrowIfNull(workout);
        var w = new FitWriter(bigEndian);
        var created = fileId?.TimeCreated ?? FitValues.Epoch.AddSeconds(1_000_000_000);
        // Devices need (type, manufacturer, product, serial) unique per workout file: derive a serial from the content.
        var serial = fileId?.SerialNumber ?? StableSerial(workout);
        w.Write(FileId(fileId, "workout", serial, created));
        WriteWorkout(w, workout);
        return w.ToArray();
    }

    /// <summary>An activity file: file_id, device_info, workout (if any), events/records/laps in time order, sessions, activity.</summary>
    public static byte[] EncodeActivity(FitActivity activity, bool bigEndian = false)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var w = new FitWriter(bigEndian);
        var created = activity.FileId?.TimeCreated
            ?? activity.Sessions.FirstOrDefault()?.StartTime
            ?? (activity.Records.Count > 0 ? activity.Records[0].Time : null)
            ?? FitValues.Epoch.AddSeconds(1_000_000_000);
        var serial = activity.FileId?.SerialNumber ?? 1;
        w.Write(FileId(activity.FileId, "activity", serial, created));
        // file_creator is best practice for activity files (spec §10); version 1.00 of our writer.
        w.Write(new FitMessageBuilder(FitProfile.FileCreator).UInt16(0, 100));
        var device = new FitMessageBuilder(FitProfile.DeviceInfo)
            .UInt32(FitProtocol.TimestampField, FitValues.FromDateTime(created))
            .UInt8(0, 0)
            .UInt16(2, EnumOrNumber("manufacturer", activity.FileId?.Manufacturer) ?? DevelopmentManufacturer);
        if (activity.FileId?.Product is { } product)
        {
            device.UInt16(4, product);
        }

        w.Write(device.UInt32z(3, serial));
        if (activity.Workout is { } workout)
        {
            WriteWorkout(w, workout);
        }

        MergeTimeline(w, activity);
        var lastTime = created;
        foreach (var s in activity.Sessions)
        {
            w.Write(Session(s));
            lastTime = s.Timestamp ?? s.EndTime ?? lastTime;
        }

        var timer = activity.Sessions.Sum(s => s.TotalTimerTime ?? 0);
        w.Write(new FitMessageBuilder(FitProfile.Activity)
            .UInt32(FitProtocol.TimestampField, FitValues.FromDateTime(lastTime))
            .UInt32(0, Scaled(timer, 1000))
            .UInt16(1, activity.Sessions.Count)
            .Enum(2, 0)
            .Enum(3, 26)
            .Enum(4, 1));
        return w.ToArray();
    }

    private static void MergeTimeline(FitWriter w, FitActivity a)
    {
        // A k-way merge by timestamp keeps each kind in its own order (the canonical view compares per kind).
        int ei = 0, ri = 0, li = 0;
        var records = a.Records;
        while (ei < a.Events.Count || ri < records.Count || li < a.Laps.Count)
        {
            var eKey = ei < a.Events.Count ? Key(a.Events[ei].Timestamp, a.Events[ei].EventType == "start" ? 0 : 2) : long.MaxValue;
            var rKey = ri < records.Count ? Key(records[ri].Time, 1) : long.MaxValue;
            var lKey = li < a.Laps.Count ? Key(a.Laps[li].Timestamp ?? a.Laps[li].EndTime, 3) : long.MaxValue;
            if (eKey <= rKey && eKey <= lKey)
            {
                w.Write(Event(a.Events[ei++]));
            }
            else if (rKey <= lKey)
            {
                w.Write(Record(records[ri++]));
            }
            else
            {
                w.Write(Lap(a.Laps[li++]));
            }
        }
    }

    private static long Key(DateTime? t, int rank) => ((t is { } v ? (long)FitValues.FromDateTime(v) : 0) << 2) | (long)rank;

    private static FitMessageBuilder FileId(FitFileId? id, string type, long serial, DateTime created)
    {
        // With an explicit file id write exactly its fields; otherwise complete a minimal valid one.
        var m = new FitMessageBuilder(FitProfile.FileId)
            .Enum(0, EnumOrNumber("file", id is null ? type : id.Type) ?? 4)
            .UInt16(1, EnumOrNumber("manufacturer", id?.Manufacturer) ?? DevelopmentManufacturer);
        if ((id is null ? 0 : id.Product) is { } product)
        {
            m.UInt16(2, product);
        }

        if ((id is null ? serial : id.SerialNumber) is { } sn and not 0)
        {
            m.UInt32z(3, sn);
        }

        if ((id is null ? created : id.TimeCreated) is { } t)
        {
            m.UInt32(4, FitValues.FromDateTime(t));
        }

        return m;
    }

    private static void WriteWorkout(FitWriter w, FitWorkout workout)
    {
        var m = new FitMessageBuilder(FitProfile.Workout);
        if (workout.Name is { Length: > 0 } name)
        {
            m.String(8, name);
        }

        Opt(m, 4, "sport", workout.Sport);
        Opt(m, 11, "sub_sport", workout.SubSport);
        w.Write(m.UInt16(6, workout.Steps.Count));
        for (var i = 0; i < workout.Steps.Count; i++)
        {
            var s = workout.Steps[i];
            var step = new FitMessageBuilder(FitProfile.WorkoutStep).UInt16(FitProtocol.MessageIndexField, s.MessageIndex);
            if (s.Name is { Length: > 0 } stepName)
            {
                step.String(0, stepName);
            }

            Opt(step, 1, "wkt_step_duration", s.DurationType);
            OptU32(step, 2, s.DurationValue);
            Opt(step, 3, "wkt_step_target", s.TargetType);
            OptU32(step, 4, s.TargetValue);
            OptU32(step, 5, s.CustomTargetLow);
            OptU32(step, 6, s.CustomTargetHigh);
            Opt(step, 7, "intensity", s.Intensity);
            if (s.Notes is { Length: > 0 } notes)
            {
                step.String(8, notes);
            }

            w.Write(step);
        }
    }

    private static FitMessageBuilder Record(FitRecord r)
    {
        var m = new FitMessageBuilder(FitProfile.Record);
        if (r.HasTimestamp)
        {
            m.UInt32(FitProtocol.TimestampField, r.Timestamp);
        }

        if (r.PositionLat != FitRecord.NoPosition)
        {
            m.SInt32(0, r.PositionLat);
        }

        if (r.PositionLong != FitRecord.NoPosition)
        {
            m.SInt32(1, r.PositionLong);
        }

        if (r.DistanceMeters is { } d)
        {
            m.UInt32(5, Scaled(d, 100));
        }

        if (r.SpeedRaw != FitRecord.NoValue32)
        {
            m.UInt32(73, r.SpeedRaw);
        }

        if (r.AltitudeRaw != FitRecord.NoValue32)
        {
            m.UInt32(78, r.AltitudeRaw);
        }

        if (r.HeartRateBpm is { } hr)
        {
            m.UInt8(3, hr);
        }

        if (r.CadenceRpm is { } cad)
        {
            m.UInt8(4, cad);
        }

        if (r.FractionalCadence != 0xFF)
        {
            m.UInt8(53, r.FractionalCadence);
        }

        if (r.PowerWatts is { } p)
        {
            m.UInt16(7, p);
        }

        if (r.TemperatureC is { } t)
        {
            m.SInt8(13, t);
        }

        return m;
    }

    private static FitMessageBuilder Event(FitEvent e)
    {
        var m = new FitMessageBuilder(FitProfile.Event);
        OptTime(m, FitProtocol.TimestampField, e.Timestamp);
        Opt(m, 0, "event", e.Event);
        Opt(m, 1, "event_type", e.EventType);
        OptU32(m, 3, e.Data);
        if (e.EventGroup is { } g)
        {
            m.UInt8(4, g);
        }

        return m;
    }

    private static FitMessageBuilder Lap(FitLap l)
    {
        var m = new FitMessageBuilder(FitProfile.Lap);
        if (l.MessageIndex is { } mi)
        {
            m.UInt16(FitProtocol.MessageIndexField, mi);
        }

        OptTime(m, FitProtocol.TimestampField, l.Timestamp);
        Opt(m, 0, "event", l.Event);
        Opt(m, 1, "event_type", l.EventType);
        OptTime(m, 2, l.StartTime);
        OptScaled(m, 7, l.TotalElapsedTime, 1000);
        OptScaled(m, 8, l.TotalTimerTime, 1000);
        OptScaled(m, 9, l.TotalDistance, 100);
        OptScaled(m, 110, l.AvgSpeed, 1000);
        OptScaled(m, 111, l.MaxSpeed, 1000);
        OptU8(m, 15, l.AvgHeartRate);
        OptU8(m, 16, l.MaxHeartRate);
        Opt(m, 23, "intensity", l.Intensity);
        Opt(m, 24, "lap_trigger", l.LapTrigger);
        Opt(m, 25, "sport", l.Sport);
        Opt(m, 39, "sub_sport", l.SubSport);
        if (l.WktStepIndex is { } step)
        {
            m.UInt16(71, step);
        }

        return m;
    }

    private static FitMessageBuilder Session(FitSession s)
    {
        var m = new FitMessageBuilder(FitProfile.Session);
        if (s.MessageIndex is { } mi)
        {
            m.UInt16(FitProtocol.MessageIndexField, mi);
        }

        OptTime(m, FitProtocol.TimestampField, s.Timestamp);
        Opt(m, 0, "event", s.Event);
        Opt(m, 1, "event_type", s.EventType);
        OptTime(m, 2, s.StartTime);
        Opt(m, 5, "sport", s.Sport);
        Opt(m, 6, "sub_sport", s.SubSport);
        OptScaled(m, 7, s.TotalElapsedTime, 1000);
        OptScaled(m, 8, s.TotalTimerTime, 1000);
        OptScaled(m, 9, s.TotalDistance, 100);
        OptScaled(m, 124, s.AvgSpeed, 1000);
        OptScaled(m, 125, s.MaxSpeed, 1000);
        OptU8(m, 16, s.AvgHeartRate);
        OptU8(m, 17, s.MaxHeartRate);
        if (s.FirstLapIndex is { } first)
        {
            m.UInt16(25, first);
        }

        if (s.NumLaps is { } n)
        {
            m.UInt16(26, n);
        }

        Opt(m, 28, "session_trigger", s.Trigger);
        return m;
    }

    private static long Scaled(double value, double scale, double offset = 0) => (long)FitValues.JsRound((value + offset) * scale);

    private static void OptScaled(FitMessageBuilder m, int number, double? value, double scale)
    {
        if (value is { } v && !double.IsNaN(v))
        {
            m.UInt32(number, Scaled(v, scale));
        }
    }

    private static void OptU8(FitMessageBuilder m, int number, int? value)
    {
        if (value is { } v)
        {
            m.UInt8(number, v);
        }
    }

    private static void OptU32(FitMessageBuilder m, int number, long? value)
    {
        if (value is { } v)
        {
            m.UInt32(number, v);
        }
    }

    private static void OptTime(FitMessageBuilder m, int number, DateTime? value)
    {
        if (value is { } t)
        {
            m.UInt32(number, FitValues.FromDateTime(t));
        }
    }

    private static void Opt(FitMessageBuilder m, int number, string type, string? name)
    {
        if (EnumOrNumber(type, name) is { } v)
        {
            m.Enum(number, v);
        }
    }

    /// <summary>Profile enum value for a name, or the name parsed as a number (how unknown values are carried).</summary>
    private static long? EnumOrNumber(string type, string? name) =>
        name is null ? null
        : FitProfile.EnumValue(type, name) ?? (long.TryParse(name, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null);

    private static long StableSerial(FitWorkout workout)
    {
        // FNV-1a over the name and step count: deterministic, non-zero.
        var hash = 2166136261u;
        foreach (var c in (workout.Name ?? "") + "/" + workout.Steps.Count.ToString(CultureInfo.InvariantCulture))
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash == 0 ? 1 : hash;
    }
}
