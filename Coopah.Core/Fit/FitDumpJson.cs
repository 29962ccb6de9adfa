using System.Globalization;

namespace Coopah.Core.Fit;

/// <summary>Full JSON dump: headers, then every message in file order with all fields (unknown ones raw).</summary>
public static class FitDumpJson
{
    public static string Write(FitFile file, bool includeRecords = true)
    {
        var j = new JsJson(1);
        j.BeginObject();
        j.Key("headers");
        j.BeginArray();
        foreach (var h in file.Headers)
        {
            j.BeginObject();
            j.Key("offset");
            j.Value(h.Offset);
            j.Key("header_size");
            j.Value(h.HeaderSize);
            j.Key("protocol");
            j.Value(h.ProtocolText);
            j.Key("profile");
            j.Value(h.ProfileText);
            j.Key("data_size");
            j.Value(h.DataSize);
            j.Key("header_crc_valid");
            if (h.HeaderCrcValid is { } v)
            {
                j.Value(v);
            }
            else
            {
                j.Null();
            }

            j.Key("file_crc_valid");
            j.Value(h.FileCrcValid);
            j.EndObject();
        }

        j.EndArray();
        j.Key("messages");
        j.BeginArray();
        var next = 0;
        foreach (var m in file.Messages)
        {
            for (; next < m.RecordsBefore; next++)
            {
                if (includeRecords)
                {
                    WriteRecord(j, file, next);
                }
            }

            WriteMessage(j, m.Name, m.GlobalNumber, m.Fields, m.DeveloperFields, null);
        }

        for (; includeRecords && next < file.Records.Count; next++)
        {
            WriteRecord(j, file, next);
        }

        j.EndArray();
        j.EndObject();
        return j + "\n";
    }

    private static void WriteRecord(JsJson j, FitFile file, int index)
    {
        var r = file.Records[index];
        var extra = file.RecordExtra(index);
        WriteMessage(j, "record", FitProfile.Record, extra?.Fields ?? [], extra?.DeveloperFields, r);
    }

    private static void WriteMessage(JsJson j, string name, int number, List<FitField> fields, List<FitDeveloperField>? dev, FitRecord? record)
    {
        j.BeginObject();
        j.Key("name");
        j.Value(name);
        j.Key("num");
        j.Value(number);
        j.Key("fields");
        j.BeginObject();
        if (record is { } r)
        {
            Put(j, "timestamp", r.Time);
            Put(j, "position_lat", r.Latitude);
            Put(j, "position_long", r.Longitude);
            Put(j, "distance", r.DistanceMeters);
            Put(j, "enhanced_speed", r.Speed);
            Put(j, "enhanced_altitude", r.Altitude);
            Put(j, "heart_rate", r.HeartRateBpm);
            Put(j, "cadence", r.CadenceRpm);
            Put(j, "fractional_cadence", r.FractionalCadence == 0xFF ? null : r.FractionalCadence / 128.0);
            Put(j, "power", r.PowerWatts);
            Put(j, "temperature", r.TemperatureC);
        }

        foreach (var f in fields)
        {
            Put(j, f.Name, f.Value);
        }

        j.EndObject();
        if (dev is { Count: > 0 })
        {
            j.Key("developer_fields");
            j.BeginObject();
            foreach (var d in dev)
            {
                Put(j, d.Name ?? string.Create(CultureInfo.InvariantCulture, $"dev_{d.DeveloperDataIndex}_{d.FieldNumber}"), d.Raw);
            }

            j.EndObject();
        }

        j.EndObject();
    }

    private static void Put(JsJson j, string key, object? value)
    {
        if (value is null)
        {
            return;
        }

        j.Key(key);
        WriteValue(j, value);
    }

    private static void WriteValue(JsJson j, object? value)
    {
        switch (value)
        {
            case null: j.Null(); break;
            case string s: j.Value(s); break;
            case double d: j.Value(d); break;
            case long l: j.Value(l); break;
            case int i: j.Value(i); break;
            case byte b: j.Value(b); break;
            case ulong u: j.Value(u.ToString(CultureInfo.InvariantCulture)); break;
            case DateTime t: j.Value(FitCanonicalJson.Iso(t)); break;
            case byte[] bytes:
                j.BeginArray();
                foreach (var b in bytes)
                {
                    j.Value(b);
                }

                j.EndArray();
                break;
            case object?[] items:
                j.BeginArray();
                foreach (var item in items)
                {
                    WriteValue(j, item);
                }

                j.EndArray();
                break;
            default: j.Value(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""); break;
        }
    }
}
