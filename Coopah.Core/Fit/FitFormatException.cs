namespace Coopah.Core.Fit;

/// <summary>The only exception the FIT decoder lets escape: the input is not valid FIT at <see cref="Offset"/>.</summary>
public sealed class FitFormatException : Exception
{
    public FitFormatException(string message, long offset)
        : base(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{message} (at byte {offset})"))
    {
        Offset = offset;
        Reason = message;
    }

    public FitFormatException()
        : this("invalid FIT data", 0)
    {
    }

    public FitFormatException(string message)
        : this(message, 0)
    {
    }

    public FitFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>Byte offset in the input where the problem was found.</summary>
    public long Offset { get; }

    /// <summary>The message without the offset suffix.</summary>
    public string Reason { get; } = "";
}
