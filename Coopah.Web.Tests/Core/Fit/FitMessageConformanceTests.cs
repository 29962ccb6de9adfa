using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Coopah.Core.Fit;

namespace Coopah.Web.Tests.Core.Fit;

/// <summary>
/// Beyond the canonical view: every profile field of every non-record message in our profile subset (scale/offset,
/// enum names, dates, sub-fields, components) equals what Garmin's decoder reports.
/// </summary>
public sealed partial class FitMessageConformanceTests
{
    public static IEnumerable<object[]> Files() =>
    [
        ["sample:activity-small-fenix2-run.fit"], ["sample:running-with-developer-data.fit"], ["sample:garmin-fenix-5-run.fit"],
        ["sample:event_timestamp.fit"], ["sample:WorkoutCustomTargetValues.fit"], ["sample:garmin-edge-500-activity.fit"],
        ["sample:developer-types-sample.fit"], ["synthetic:activity-legacy-dev"], ["synthetic:run-5x1k-pause-missed-lap"],
        ["synthetic:workout-default"],
    ];

    [Theory]
    [MemberData(nameof(Files))]
    public void AllFields_NonRecordMessages_EqualGarminDecoder(string source)
    {
        var path = source.StartsWith("sample:", StringComparison.Ordinal)
            ? FitTestEnvironment.Sample(source["sample:".Length..])
            : FitSyntheticFiles.PathOf(source["synthetic:".Length..]);
        Assert.True(File.Exists(path), $"{path} missing");
        var garmin = JsonNode.Parse(FitTestEnvironment.NodeOk("decode.mjs", path))!["messages"]!.AsObject();
        var file = FitDecoder.Decode(File.ReadAllBytes(path));
        var compared = 0;

        foreach (var profile in FitProfile.AllMessages)
        {
            if (profile.Number is FitProfile.Record or FitProfile.DeveloperDataId or FitProfile.FieldDescription)
            {
                continue;
            }

            var key = Camel(profile.Name) + "Mesgs";
            var theirs = garmin[key]?.AsArray() ?? [];
            var ours = file.MessagesOf(profile.Number).ToList();
            Assert.True(theirs.Count == ours.Count, $"{key}: Garmin {theirs.Count} vs ours {ours.Count}");
            for (var i = 0; i < ours.Count; i++)
            {
                compared += CompareMessage(theirs[i]!.AsObject(), ours[i], $"{key}[{i}]");
            }
        }

        Assert.True(compared > 0);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void AllFields_Records_EqualGarminDecoder(string source)
    {
        var path = source.StartsWith("sample:", StringComparison.Ordinal)
            ? FitTestEnvironment.Sample(source["sample:".Length..])
            : FitSyntheticFiles.PathOf(source["synthetic:".Length..]);
        Assert.True(File.Exists(path), $"{path} missing");
        var garmin = JsonNode.Parse(FitTestEnvironment.NodeOk("decode.mjs", path, "--only", "record,hr"))!["messages"]!.AsObject();
        var file = FitDecoder.Decode(File.ReadAllBytes(path));
        var theirs = garmin["recordMesgs"]?.AsArray() ?? [];
        // decode.mjs merges hr messages into records by default; heart rate is then not comparable.
        var hrMerged = garmin["hrMesgs"] is JsonArray { Count: > 0 };

        Assert.Equal(theirs.Count, file.Records.Count);
        for (var i = 0; i < file.Records.Count; i++)
        {
            var r = file.Records[i];
            var t = theirs[i]!.AsObject();
            var mine = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["timestamp"] = r.Time,
                ["position_lat"] = r.PositionLat == FitRecord.NoPosition ? null : (long)r.PositionLat,
                ["position_long"] = r.PositionLong == FitRecord.NoPosition ? null : (long)r.PositionLong,
                ["distance"] = r.DistanceMeters,
                ["enhanced_speed"] = r.Speed,
                ["enhanced_altitude"] = r.Altitude,
                ["heart_rate"] = hrMerged ? null : r.HeartRateBpm is { } hr ? (long)hr : null,
                ["cadence"] = r.CadenceRpm is { } c ? (long)c : null,
                ["fractional_cadence"] = r.FractionalCadence == 0xFF ? null : r.FractionalCadence / 128.0,
                ["power"] = r.PowerWatts is { } p ? (long)p : null,
                ["temperature"] = r.TemperatureC is { } tc ? (long)tc : null,
            };
            foreach (var f in file.RecordExtra(i)?.Fields ?? [])
            {
                if (f.Profile is not null && !f.IsMisaligned)
                {
                    mine[f.Name] = f.Value;
                }
            }

            // Garmin reports the 16-bit speed/altitude next to their enhanced_* expansion; we keep one slot.
            var expected = t.Where(p => p.Key is not ("developerFields" or "speed" or "altitude" or "compressedSpeedDistance") && p.Value is not null
                    && !(hrMerged && p.Key == "heartRate"))
                .ToDictionary(p => Snake(p.Key), p => p.Value, StringComparer.Ordinal);
            foreach (var (name, value) in expected)
            {
                Assert.True(mine.TryGetValue(name, out var v) && v is not null, $"record {i}: field {name} = {value!.ToJsonString()} missing in ours");
                Assert.True(Same(value, v), $"record {i}.{name}: Garmin {value!.ToJsonString()} vs ours {Show(v)}");
            }

            var extra = mine.Keys.Where(k => !expected.ContainsKey(k) && mine[k] is not null).ToList();
            Assert.True(extra.Count == 0, $"record {i}: fields only we report: {string.Join(", ", extra)}");
        }
    }

    private static int CompareMessage(JsonObject theirs, FitMessage ours, string where)
    {
        var mine = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var f in ours.Fields)
        {
            if (f.Profile is not null && !f.IsMisaligned)
            {
                mine[f.Name] = f.Value;
            }
        }

        var expected = theirs.Where(p => p.Key != "developerFields" && p.Value is not null)
            .ToDictionary(p => Snake(p.Key), p => p.Value, StringComparer.Ordinal);
        foreach (var (name, value) in expected)
        {
            Assert.True(mine.TryGetValue(name, out var v), $"{where}: field {name} = {value!.ToJsonString()} missing in ours");
            Assert.True(Same(value, v), $"{where}.{name}: Garmin {value!.ToJsonString()} vs ours {Show(v)}");
        }

        var extra = mine.Keys.Where(k => !expected.ContainsKey(k) && mine[k] is not null).ToList();
        Assert.True(extra.Count == 0, $"{where}: fields only we report: {string.Join(", ", extra)}");
        return expected.Count;
    }

    private static bool Same(JsonNode? theirs, object? ours)
    {
        switch (theirs)
        {
            case JsonArray arr:
                var items = ours switch
                {
                    object?[] o => o,
                    byte[] b => b.Select(x => (object?)(long)x).ToArray(),
                    _ => null,
                };
                return items is not null && items.Length == arr.Count && arr.Zip(items).All(p => Same(p.First, p.Second));
            case JsonValue v when v.TryGetValue<string>(out var s):
                return ours switch
                {
                    string o => o == s || o == Snake(s),
                    DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss'.000Z'", CultureInfo.InvariantCulture) == s,
                    ulong u => u.ToString(CultureInfo.InvariantCulture) == s,
                    long l => l.ToString(CultureInfo.InvariantCulture) == s,
                    _ => false,
                };
            case JsonValue v when v.TryGetValue<double>(out var d):
                double? o2 = ours switch
                {
                    double x => x,
                    long x => x,
                    ulong x => x,
                    byte x => x,
                    _ => null,
                };
                return o2 is { } x2 && (x2 == d || Math.Abs(x2 - d) <= 1e-9 * Math.Max(1, Math.Abs(d)));
            case JsonValue v when v.TryGetValue<bool>(out var b):
                return ours is bool ob && ob == b;
            default:
                return theirs is null && ours is null;
        }
    }

    private static string Show(object? v) => v switch
    {
        null => "null",
        object?[] a => "[" + string.Join(",", a.Select(Show)) + "]",
        byte[] b => "[" + string.Join(",", b) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    private static string Snake(string s) => SnakeRegex().Replace(s, "$1_$2").ToLowerInvariant();

    private static string Camel(string snake)
    {
        var parts = snake.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex SnakeRegex();
}
