using System.Globalization;

namespace Coopah.Core.Fit;

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
