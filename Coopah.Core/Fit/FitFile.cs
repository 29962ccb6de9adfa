namespace Coopah.Core.Fit;

/// <summary>Everything decoded from a FIT stream (all chained segments).</summary>
public sealed class FitFile
{
    public List<FitFileHeader> Headers { get; } = [];

    /// <summary>Every message except records, in file order.</summary>
    public List<FitMessage> Messages { get; } = [];

    /// <summary>Record messages as typed values, in file order.</summary>
    public FitRecordList Records { get; } = new();

    /// <summary>Record fields without a slot in <see cref="FitRecord"/> (other profile fields, unknown and developer fields).</summary>
    public List<FitMessage> RecordExtras { get; } = [];

    /// <summary>Developer field descriptions seen, keyed by (developer_data_index, field number).</summary>
    public Dictionary<(int Index, int Field), FitDeveloperFieldDescription> DeveloperFieldDescriptions { get; } = [];

    /// <summary>Problems read past (CRC mismatches with ReadOnCrcError, or the error that stopped a lenient decode).</summary>
    public List<FitFormatException> Errors { get; } = [];

    public int CountOf(int globalNumber) => globalNumber == FitProfile.Record
        ? Records.Count
        : Messages.Count(m => m.GlobalNumber == globalNumber);

    public IEnumerable<FitMessage> MessagesOf(int globalNumber) => Messages.Where(m => m.GlobalNumber == globalNumber);

    /// <summary>All record fields of record <paramref name="index"/> as a generic message (typed slots plus extras).</summary>
    public FitMessage? RecordExtra(int index) =>
        Records[index].ExtraIndex is var i and >= 0 ? RecordExtras[i] : null;
}

/// <summary>
/// A developer field as declared by a field_description message. <c>Key</c> is the registration order across all
/// developers (Garmin's SDK keys developer fields by it).
/// </summary>
public sealed record FitDeveloperFieldDescription(
    int DeveloperDataIndex, int FieldNumber, FitBaseType BaseType, string? Name, string? Units,
    double? Scale, double? Offset, int? NativeMessage, int? NativeField, int Key);
