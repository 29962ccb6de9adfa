namespace Coopah.Core.Fit;

/// <summary>Decoder switches. Defaults are strict: any CRC mismatch or format error throws.</summary>
public sealed record FitDecodeOptions
{
    public static readonly FitDecodeOptions Default = new();

    /// <summary>Record CRC mismatches in <see cref="FitFile.Errors"/> and keep decoding instead of throwing.</summary>
    public bool ReadOnCrcError { get; init; }

    /// <summary>On a format error, return what was decoded so far with the error in <see cref="FitFile.Errors"/>.</summary>
    public bool Lenient { get; init; }

    /// <summary>Keep record fields the typed <see cref="FitRecord"/> has no slot for (costs allocation per record).</summary>
    public bool KeepRecordExtras { get; init; } = true;
}
