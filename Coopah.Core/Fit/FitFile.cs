namespace Coopah.Core.Fit;

/// <summary>Everything decoded from a FIT stream (all chained segments).</summary>
public sealed class FitFile
{
    public List<FitFileHeader> Headers { get; } = [];

    /// <summary>Every message except records, in file order.</summary>
    public List<FitMessage> Messages { get; } = [];

    /// <summary>Record messages as typed values, in file order.</summary>
    public FitRecordList Records { get; } = new();

    // Record fields without a slot in FitRecord (other profile fields, unknown and developer fields), stored flat so
    // a record costs no message object; RecordExtra(i) materialises one on demand.
    private readonly List<FitField> _extraFields = [];
    private readonly List<FitDeveloperField> _extraDevFields = [];
    private readonly List<(int Fields, int FieldCount, int Dev, int DevCount, long Offset, IRecordExtraSource? Lazy)> _extras = [];
    private byte[] _extraBytes = [];
    private int _extraBytesUsed;

    /// <summary>Number of records that carry fields beyond the <see cref="FitRecord"/> slots.</summary>
    public int RecordExtraCount => _extras.Count;

    internal int AddRecordExtra(List<FitField> fields, List<FitDeveloperField>? dev, long offset)
    {
        _extras.Add((_extraFields.Count, fields.Count, _extraDevFields.Count, dev?.Count ?? 0, offset, null));
        _extraFields.AddRange(fields);
        if (dev is not null)
        {
            _extraDevFields.AddRange(dev);
        }

        return _extras.Count - 1;
    }

    /// <summary>Developer field descriptions seen, keyed by (developer_data_index, field number).</summary>
    public Dictionary<(int Index, int Field), FitDeveloperFieldDescription> DeveloperFieldDescriptions { get; } = [];

    /// <summary>Problems read past (CRC mismatches with ReadOnCrcError, or the error that stopped a lenient decode).</summary>
    public List<FitFormatException> Errors { get; } = [];

    public int CountOf(int globalNumber) => globalNumber == FitProfile.Record
        ? Records.Count
        : Messages.Count(m => m.GlobalNumber == globalNumber);

    public IEnumerable<FitMessage> MessagesOf(int globalNumber) => Messages.Where(m => m.GlobalNumber == globalNumber);

    /// <summary>Keeps a record's bytes for on-demand decoding of its extra fields (the buffer only ever holds input bytes).</summary>
    internal int AddLazyRecordExtra(ReadOnlySpan<byte> body, IRecordExtraSource source, long offset)
    {
        if (_extraBytesUsed + body.Length > _extraBytes.Length)
        {
            Array.Resize(ref _extraBytes, Math.Max(_extraBytesUsed + body.Length, Math.Max(256, _extraBytes.Length * 2)));
        }

        body.CopyTo(_extraBytes.AsSpan(_extraBytesUsed));
        _extras.Add((_extraBytesUsed, body.Length, 0, 0, offset, source));
        _extraBytesUsed += body.Length;
        return _extras.Count - 1;
    }

    /// <summary>The fields of record <paramref name="index"/> that have no <see cref="FitRecord"/> slot, as a message; null if none.</summary>
    public FitMessage? RecordExtra(int index)
    {
        if (Records[index].ExtraIndex is not (var i and >= 0))
        {
            return null;
        }

        var (fields, fieldCount, dev, devCount, offset, lazy) = _extras[i];
        if (lazy is not null)
        {
            return lazy.Materialize(_extraBytes.AsSpan(fields, fieldCount), offset, index);
        }

        var msg = new FitMessage(FitProfile.Record, FitProfile.Message(FitProfile.Record), offset, index, fieldCount);
        msg.Fields.AddRange(_extraFields.GetRange(fields, fieldCount));
        if (devCount > 0)
        {
            msg.DeveloperFields = _extraDevFields.GetRange(dev, devCount);
        }

        return msg;
    }
}

/// <summary>
/// A developer field as declared by a field_description message. <c>Key</c> is the registration order across all
/// developers (Garmin's SDK keys developer fields by it).
/// </summary>
public sealed record FitDeveloperFieldDescription(
    int DeveloperDataIndex, int FieldNumber, FitBaseType BaseType, string? Name, string? Units,
    double? Scale, double? Offset, int? NativeMessage, int? NativeField, int Key);

/// <summary>Something that can decode a record's extra fields from the bytes kept for it.</summary>
internal interface IRecordExtraSource
{
    FitMessage Materialize(ReadOnlySpan<byte> body, long offset, int recordIndex);
}
