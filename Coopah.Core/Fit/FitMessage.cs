using System.Globalization;

namespace Coopah.Core.Fit;

/// <summary>A decoded data message. Unknown messages and fields are kept with their raw values.</summary>
public sealed class FitMessage(int globalNumber, FitMessageProfile? profile, long offset, int recordsBefore, int capacity = 4)
{
    public int GlobalNumber { get; } = globalNumber;

    public FitMessageProfile? Profile { get; } = profile;

    public string Name => Profile?.Name ?? "unknown_" + GlobalNumber.ToString(CultureInfo.InvariantCulture);

    /// <summary>Byte offset of the record header in the input.</summary>
    public long Offset { get; } = offset;

    /// <summary>How many record messages precede this message (to restore file order next to the record list).</summary>
    public int RecordsBefore { get; } = recordsBefore;

    public List<FitField> Fields { get; } = new(capacity);

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

    public long? GetRaw(string name) => Field(name) is { } f && f.TryGetInteger(out var v) ? v : null;
}
