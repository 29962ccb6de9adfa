using System.Globalization;
using System.Text.Json.Nodes;
using Coopah.Core.Fit;

namespace Coopah.Web.Tests.Core.Fit;

/// <summary>Developer field values equal what Garmin's decoder reports (decode.mjs developerFields, keyed by registration order).</summary>
public sealed class FitDeveloperFieldTests
{
    [Theory]
    [InlineData("sample:developer-types-sample.fit")]
    [InlineData("sample:running-with-developer-data.fit")]
    [InlineData("synthetic:activity-legacy-dev")]
    public void DeveloperFields_EqualGarminDecoder(string source)
    {
        var path = source.StartsWith("sample:", StringComparison.Ordinal)
            ? FitTestEnvironment.Sample(source["sample:".Length..])
            : FitSyntheticFiles.PathOf(source["synthetic:".Length..]);
        Assert.True(File.Exists(path), $"{path} missing");
        var garmin = JsonNode.Parse(FitTestEnvironment.NodeOk("decode.mjs", path, "--only", "record,session,lap"))!["messages"]!;
        var file = FitDecoder.Decode(File.ReadAllBytes(path));

        var compared = 0;
        var garminRecords = garmin["recordMesgs"]!.AsArray();
        Assert.Equal(garminRecords.Count, file.Records.Count);
        for (var i = 0; i < file.Records.Count; i++)
        {
            compared += Compare(garminRecords[i]!["developerFields"], file.RecordExtra(i)?.DeveloperFields, file, $"record {i}");
        }

        foreach (var (key, number) in new[] { ("sessionMesgs", FitProfile.Session), ("lapMesgs", FitProfile.Lap) })
        {
            var ours = file.MessagesOf(number).ToList();
            var theirs = garmin[key]?.AsArray() ?? [];
            Assert.Equal(theirs.Count, ours.Count);
            for (var i = 0; i < ours.Count; i++)
            {
                compared += Compare(theirs[i]!["developerFields"], ours[i].DeveloperFields, file, $"{key} {i}");
            }
        }

        Assert.True(compared > 0, "no developer fields compared");
    }

    private static int Compare(JsonNode? expected, List<FitDeveloperField>? actual, FitFile file, string where)
    {
        var ours = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var d in actual ?? [])
        {
            if (file.DeveloperFieldDescriptions.TryGetValue((d.DeveloperDataIndex, d.FieldNumber), out var desc))
            {
                ours[desc.Key.ToString(CultureInfo.InvariantCulture)] = ToJson(d.Raw, d.BaseType);
            }
        }

        var theirs = expected?.AsObject() ?? [];
        Assert.True(theirs.Count == ours.Count, $"{where}: {theirs.Count} Garmin developer fields vs {ours.Count} ours");
        foreach (var (key, value) in theirs)
        {
            Assert.True(ours.TryGetValue(key, out var mine), $"{where}: developer field {key} missing");
            Assert.True(SameValue(value, mine), $"{where}: developer field {key}: Garmin {value?.ToJsonString()} vs ours {mine?.ToJsonString()}");
        }

        return ours.Count;
    }

    private static JsonNode? ToJson(object? raw, FitBaseType type) => raw switch
    {
        null => null,
        string s => JsonValue.Create(s),
        // Garmin returns 64-bit integers as BigInt, which decode.mjs prints as strings.
        long l when FitBaseTypes.Size(type) == 8 && !FitBaseTypes.IsFloat(type) => JsonValue.Create(l.ToString(CultureInfo.InvariantCulture)),
        ulong u => JsonValue.Create(u.ToString(CultureInfo.InvariantCulture)),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        byte b => JsonValue.Create((long)b),
        byte[] bytes => new JsonArray([.. bytes.Select(b => (JsonNode?)JsonValue.Create((long)b))]),
        object?[] items => new JsonArray([.. items.Select(i => ToJson(i, type))]),
        _ => JsonValue.Create(raw.ToString()),
    };

    private static bool SameValue(JsonNode? a, JsonNode? b)
    {
        if (a is JsonArray xa && b is JsonArray xb)
        {
            return xa.Count == xb.Count && xa.Zip(xb).All(p => SameValue(p.First, p.Second));
        }

        if (a is JsonValue va && b is JsonValue vb && va.TryGetValue<double>(out var da) && vb.TryGetValue<double>(out var db))
        {
            return da == db || Math.Abs(da - db) <= 1e-9 * Math.Max(1, Math.Abs(da));
        }

        return JsonNode.DeepEquals(a, b);
    }
}
