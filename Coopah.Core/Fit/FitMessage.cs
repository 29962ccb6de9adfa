using System.Globalization;

namespace Coopah.Core.Fit;

/// <summary>A decoded data message. Unknown messages and fields are kept with their raw values.</summary>
public sealed class FitMessage(int globalNumber, FitMessageProfile? profile, long offset, int recordsBefore)
{
    public int GlobalNumber { get; } = globalNumber;

    public FitMessageProfile? Profile { get; } = profile;

    public string Name => Profile?.Name ?? "unknown_" + GlobalNumber.ToString(CultureInfo.InvariantCulture);

    /// <summary>Byte offset of the record header in the input.</summary>
    public long Offset { get; } = offset;

    /// <summary>How many record messages precede this message (to restore file order next to the record list).</summary>
    public int RecordsBefore { get; } = recordsBefore;

    public List<FitField> Fields { get; } = [];

    public List<FitDeveloperField>? DeveloperFields { get; set; }

    /// <summary>The last main (not sub-field) field with this number, as Garmin's decoder keeps it.</summary>
    public FitField? Field(int number)
    {
        for (var i = Fields.Count - 1; i >= 0; i--)
        {
            var f = Fields[i];
            if (f.Number == number && f.SubField is null)
            {
                return f;
            }
        }

        return null;
    }

    /// <summary>A field by profile name (main field or sub-field name).</summary>
    public FitField? Field(string name)
    {
        for (var i = Fields.Count - 1; i >= 0; i--)
        {
            if (Fields[i].Name == name)
            {
                return Fields[i];
            }
        }

        return null;
    }

    /// <summary>The converted value (scaled number, enum name, date, string) of a named field, or null.</summary>
    public object? Get(string name) => Field(name)?.Value;

    public double? GetDouble(string name) => Field(name)?.Value switch
    {
        double d => d,
        long l => l,
        ulong u => u,
        _ => null,
    };

    public long? GetRaw(string name) => Field(name)?.Raw switch
    {
        long l => l,
        ulong u => (long)u,
        double d => (long)d,
        _ => null,
    };
}

/// <summary>
/// A field value. <see cref="Raw"/> is the wire value (long, ulong, double, string, byte[] or object?[] for arrays,
/// null elements being invalid); <see cref="Value"/> applies the profile: scale/offset, enum names, dates.
/// </summary>
public sealed class FitField(int number, FitBaseType baseType, object raw, FitFieldProfile? profile, FitSubFieldProfile? subField = null)
{
    private object? _value;

    public int Number { get; } = number;

    public FitBaseType BaseType { get; } = baseType;

    public object Raw { get; } = raw;

    public FitFieldProfile? Profile { get; } = profile;

    public FitSubFieldProfile? SubField { get; } = subField;

    /// <summary>True when the value came from component expansion (e.g. enhanced_speed from speed).</summary>
    public bool IsExpanded { get; init; }

    /// <summary>True when the field size was not a multiple of its base type: Raw holds the bytes.</summary>
    public bool IsMisaligned { get; init; }

    /// <summary>For expanded fields: the physical value as computed from the component.</summary>
    internal object? ExpandedValue { get; init; }

    public string Name => SubField?.Name ?? Profile?.Name ?? "field_" + Number.ToString(CultureInfo.InvariantCulture);

    public string Units => SubField?.Units ?? Profile?.Units ?? "";

    public object? Value => _value ??= IsExpanded ? ExpandedValue : FitValues.Convert(this);
}

/// <summary>A developer field value, named by its field_description.</summary>
public sealed record FitDeveloperField(
    int DeveloperDataIndex, int FieldNumber, string? Name, string? Units, FitBaseType BaseType, object Raw,
    int? NativeMessage, int? NativeField);
