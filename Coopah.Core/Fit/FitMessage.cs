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

/// <summary>
/// A field value. <see cref="Raw"/> is the wire value (long, ulong, double, string, byte[] or object?[] for arrays,
/// null elements being invalid); <see cref="Value"/> applies the profile: scale/offset, enum names, dates.
/// Scalars are stored unboxed (boxed only when read through <see cref="Raw"/>) to keep decoding allocation low.
/// </summary>
public sealed class FitField
{
    private const byte KindLong = 0, KindULong = 1, KindDouble = 2, KindRef = 3;
    private readonly long _bits;
    private readonly object? _ref;
    private readonly byte _kind;
    private object? _value;

    public FitField(int number, FitBaseType baseType, object raw, FitFieldProfile? profile, FitSubFieldProfile? subField = null)
    {
        ArgumentNullException.ThrowIfNull(raw);
        Number = number;
        BaseType = baseType;
        Profile = profile;
        SubField = subField;
        switch (raw)
        {
            case long l:
                _bits = l;
                _kind = KindLong;
                break;
            case ulong u:
                _bits = (long)u;
                _kind = KindULong;
                break;
            case double d:
                _bits = BitConverter.DoubleToInt64Bits(d);
                _kind = KindDouble;
                break;
            default:
                _ref = raw;
                _kind = KindRef;
                break;
        }
    }

    internal FitField(int number, FitBaseType baseType, long bits, byte kind, FitFieldProfile? profile)
    {
        Number = number;
        BaseType = baseType;
        Profile = profile;
        _bits = bits;
        _kind = kind;
    }

    internal FitField(FitField main, FitSubFieldProfile subField)
    {
        Number = main.Number;
        BaseType = main.BaseType;
        Profile = main.Profile;
        SubField = subField;
        IsMisaligned = main.IsMisaligned;
        _bits = main._bits;
        _ref = main._ref;
        _kind = main._kind;
    }

    public int Number { get; }

    public FitBaseType BaseType { get; }

    public object Raw => _kind switch
    {
        KindLong => _bits,
        KindULong => (ulong)_bits,
        KindDouble => BitConverter.Int64BitsToDouble(_bits),
        _ => _ref!,
    };

    /// <summary>The raw value as an integer when it is a scalar number.</summary>
    public bool TryGetInteger(out long value)
    {
        value = _kind == KindDouble ? (long)BitConverter.Int64BitsToDouble(_bits) : _bits;
        return _kind != KindRef;
    }

    public FitFieldProfile? Profile { get; }

    public FitSubFieldProfile? SubField { get; }

    /// <summary>True when the value came from component expansion (e.g. enhanced_speed from speed).</summary>
    public bool IsExpanded { get; init; }

    /// <summary>True when the field size was not a multiple of its base type: Raw holds the bytes.</summary>
    public bool IsMisaligned { get; init; }

    /// <summary>For expanded fields: the physical value as computed from the component (cached as the value).</summary>
    internal object? ExpandedValue
    {
        get => IsExpanded ? _value : null;
        init => _value = value;
    }

    public string Name => SubField?.Name ?? Profile?.Name ?? "field_" + Number.ToString(CultureInfo.InvariantCulture);

    public string Units => SubField?.Units ?? Profile?.Units ?? "";

    public object? Value => _value ??= FitValues.Convert(this);
}

/// <summary>
/// A developer field value, named by its field_description (<see cref="Description"/> is null when the file had none;
/// then <see cref="Raw"/> holds the bytes). Holds a reference to the description instead of copying it: records
/// can carry many developer fields.
/// </summary>
public sealed class FitDeveloperField(int developerDataIndex, int fieldNumber, FitDeveloperFieldDescription? description, object raw)
{
    public int DeveloperDataIndex { get; } = developerDataIndex;

    public int FieldNumber { get; } = fieldNumber;

    public FitDeveloperFieldDescription? Description { get; } = description;

    public object Raw { get; } = raw;

    public string? Name => Description?.Name;

    public string? Units => Description?.Units;

    public FitBaseType BaseType => Description?.BaseType ?? FitBaseType.Byte;

    public int? NativeMessage => Description?.NativeMessage;

    public int? NativeField => Description?.NativeField;
}
