using System.Globalization;

namespace Coopah.Core.Fit;

/// <summary>
/// The canonical JSON view defined by the oracle's canon.mjs (see its header): snake_case names, enum names,
/// ISO-8601 UTC times, speed = enhanced ?? 16-bit, positions in degrees (7 decimals), other floats 3 decimals,
/// absent fields omitted. Output is byte-identical to <c>node canon.mjs FILE</c>.
/// </summary>
public static class FitCanonicalJson
{
    public static string Write(FitFile file, bool includeRecords = true)
    {
        var j = new JsJson(1);
        j.BeginObject();
        if (file.MessagesOf(FitProfile.FileId).FirstOrDefault() is { } fid)
        {
            j.Key("file_id");
            j.BeginObject();
            Put(j, "type", fid.Get("type"));
            Put(j, "manufacturer", fid.Get("manufacturer"));
            Put(j, "product", fid.Field(2)?.Value);
            Put(j, "serial_number", fid.Get("serial_number"));
            Put(j, "time_created", fid.Get("time_created"));
            j.EndObject();
        }

        j.Key("sessions");
        Summaries(j, file.MessagesOf(FitProfile.Session));
        j.Key("laps");
        Summaries(j, file.MessagesOf(FitProfile.Lap));
        j.Key("events");
        j.BeginArray();
        foreach (var e in file.MessagesOf(FitProfile.Event))
        {
            j.BeginObject();
            Put(j, "timestamp", e.Get("timestamp"));
            Put(j, "event", e.Get("event"));
            Put(j, "event_type", e.Get("event_type"));
            j.EndObject();
        }

        j.EndArray();
        if (includeRecords)
        {
            j.Key("records");
            j.BeginArray();
            for (var i = 0; i < file.Records.Count; i++)
            {
                var r = file.Records[i];
                j.BeginObject();
                Put(j, "timestamp", r.Time);
                PutRounded(j, "lat", r.Latitude, 1e7);
                PutRounded(j, "lon", r.Longitude, 1e7);
                PutRounded(j, "distance", r.DistanceMeters, 1000);
                PutRounded(j, "speed", r.Speed, 1000);
                PutRounded(j, "altitude", r.Altitude, 1000);
                Put(j, "heart_rate", r.HeartRateBpm);
                Put(j, "cadence", r.CadenceRpm);
                j.EndObject();
            }

            j.EndArray();
        }

        if (file.MessagesOf(FitProfile.Workout).FirstOrDefault() is { } w)
        {
            j.Key("workout");
            j.BeginObject();
            Put(j, "wkt_name", w.Get("wkt_name"));
            Put(j, "sport", w.Get("sport"));
            Put(j, "sub_sport", w.Get("sub_sport"));
            Put(j, "num_valid_steps", w.Get("num_valid_steps"));
            j.EndObject();
        }

        var steps = file.MessagesOf(FitProfile.WorkoutStep).ToList();
        if (steps.Count > 0)
        {
            j.Key("workout_steps");
            j.BeginArray();
            foreach (var s in steps)
            {
                j.BeginObject();
                foreach (var name in (string[])["wkt_step_name", "duration_type", "duration_value", "target_type", "target_value",
                             "custom_target_value_low", "custom_target_value_high", "intensity", "notes"])
                {
                    Put(j, name, s.Profile?.Field(name) is { } p ? s.Field(p.Number)?.Value : null);
                }

                j.EndObject();
            }

            j.EndArray();
        }

        j.EndObject();
        return j + "\n";
    }

    private static void Summaries(JsJson j, IEnumerable<FitMessage> messages)
    {
        j.BeginArray();
        foreach (var m in messages)
        {
            j.BeginObject();
            Put(j, "start_time", m.Get("start_time"));
            Put(j, "timestamp", m.Get("timestamp"));
            PutRounded(j, "total_elapsed_time", m.Get("total_elapsed_time"), 1000);
            PutRounded(j, "total_timer_time", m.Get("total_timer_time"), 1000);
            PutRounded(j, "total_distance", m.Get("total_distance"), 1000);
            PutRounded(j, "avg_speed", m.Get("enhanced_avg_speed") ?? m.Get("avg_speed"), 1000);
            PutRounded(j, "max_speed", m.Get("enhanced_max_speed") ?? m.Get("max_speed"), 1000);
            Put(j, "avg_heart_rate", m.Get("avg_heart_rate"));
            Put(j, "max_heart_rate", m.Get("max_heart_rate"));
            Put(j, "sport", m.Get("sport"));
            Put(j, "sub_sport", m.Get("sub_sport"));
            Put(j, "lap_trigger", m.Get("lap_trigger"));
            Put(j, "intensity", m.Get("intensity"));
            Put(j, "wkt_step_index", m.Get("wkt_step_index"));
            Put(j, "num_laps", m.Get("num_laps"));
            Put(j, "trigger", m.Get("trigger"));
            j.EndObject();
        }

        j.EndArray();
    }

    private static void PutRounded(JsJson j, string key, object? value, double factor)
    {
        double? d = value switch
        {
            double x => x,
            long l => l,
            ulong u => u,
            int i => i,
            _ => null,
        };
        if (d is not { } x2 || double.IsNaN(x2))
        {
            return;
        }

        j.Key(key);
        j.Value(FitValues.JsRound(x2 * factor) / factor);
    }

    private static void Put(JsJson j, string key, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                j.Key(key);
                j.Value(s);
                return;
            case double d:
                j.Key(key);
                j.Value(d);
                return;
            case long l:
                j.Key(key);
                j.Value(l);
                return;
            case int i:
                j.Key(key);
                j.Value(i);
                return;
            case ulong u:
                j.Key(key);
                j.Value((double)u);
                return;
            case DateTime t:
                j.Key(key);
                j.Value(Iso(t));
                return;
            default:
                // Arrays and other shapes are not part of the canonical view.
                return;
        }
    }

    public static string Iso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
