using System.Collections.Frozen;
using System.Globalization;

namespace Coopah.Core.Fit;

/// <summary>A sub-field: the field's meaning when another field of the message has one of the mapped values.</summary>
public sealed record FitSubFieldProfile(
    string Name, string Type, double[] Scale, double[] Offset, string Units, int[] Components, int[] Bits,
    (int RefField, long Value)[] Maps);

/// <summary>A profile field: name, profile type, scale/offset, units and component expansion.</summary>
public sealed record FitFieldProfile(
    int Number, string Name, string Type, bool IsArray, double[] Scale, double[] Offset, string Units,
    int[] Components, int[] Bits, bool IsAccumulated, FitSubFieldProfile[] SubFields)
{
    /// <summary>True for plain numeric profile types, the ones scale/offset apply to (Garmin's rule).</summary>
    public bool IsNumeric { get; } = FitProfile.IsNumericType(Type);

    public bool IsDateTime => Type == "date_time";
}

/// <summary>A profile message with its fields indexed by field number.</summary>
public sealed record FitMessageProfile(int Number, string Name, FitFieldProfile[] FieldList)
{
    private readonly FitFieldProfile?[] _byNumber = Index(FieldList);

    public FitFieldProfile? Field(int number) => _byNumber[number & 0xFF];

    public FitFieldProfile? Field(string name) => Array.Find(FieldList, f => f.Name == name);

    private static FitFieldProfile?[] Index(FitFieldProfile[] fields)
    {
        var byNumber = new FitFieldProfile?[256];
        foreach (var f in fields)
        {
            byNumber[f.Number] = f;
        }

        return byNumber;
    }
}

/// <summary>The profile subset Coopah knows (generated from Garmin's SDK) plus enum-name lookups.</summary>
public static partial class FitProfile
{
    public const int FileId = 0;
    public const int Sport = 12;
    public const int Session = 18;
    public const int Lap = 19;
    public const int Record = 20;
    public const int Event = 21;
    public const int DeviceInfo = 23;
    public const int Workout = 26;
    public const int WorkoutStep = 27;
    public const int Activity = 34;
    public const int FileCreator = 49;
    public const int Hrv = 78;
    public const int FieldDescription = 206;
    public const int DeveloperDataId = 207;

    private static readonly FrozenDictionary<int, FitMessageProfile> Messages =
        BuildMessages().ToFrozenDictionary(m => m.Number);

    private static readonly Dictionary<string, string> RawTypes = BuildTypes();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, FrozenDictionary<long, string>> ParsedTypes =
        new(StringComparer.Ordinal);

    // A switch, not a set: profile records call this while the static tables are being built.
    public static bool IsNumericType(string type) => type is "sint8" or "uint8" or "sint16" or "uint16" or "sint32"
        or "uint32" or "float32" or "float64" or "uint8z" or "uint16z" or "uint32z" or "byte" or "sint64" or "uint64" or "uint64z";

    public static FitMessageProfile? Message(int globalNumber) => Messages.GetValueOrDefault(globalNumber);

    public static IEnumerable<FitMessageProfile> AllMessages => Messages.Values;

    /// <summary>The enum name for <paramref name="value"/> of profile type <paramref name="type"/>, or null.</summary>
    public static string? EnumName(string type, long value) =>
        EnumTable(type) is { } table && table.TryGetValue(value, out var name) ? name : null;

    /// <summary>The value for an enum name (e.g. "running" of "sport"), or null.</summary>
    public static long? EnumValue(string type, string name)
    {
        if (EnumTable(type) is not { } table)
        {
            return null;
        }

        foreach (var (k, v) in table)
        {
            if (v == name)
            {
                return k;
            }
        }

        return null;
    }

    public static bool HasEnumTable(string type) => RawTypes.ContainsKey(type);

    private static FrozenDictionary<long, string>? EnumTable(string type)
    {
        if (!RawTypes.TryGetValue(type, out var raw))
        {
            return null;
        }

        return ParsedTypes.GetOrAdd(type, static (_, body) => body.Split('|').Select(p => p.Split('=', 2))
            .ToFrozenDictionary(p => long.Parse(p[0], CultureInfo.InvariantCulture), p => p[1]), raw);
    }
}
