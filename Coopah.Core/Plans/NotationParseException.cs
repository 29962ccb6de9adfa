namespace Coopah.Core.Plans;

/// <summary>Where and why a step notation failed to parse.</summary>
/// <param name="Position">0-based character offset of the offending token (the text length at end of input).</param>
/// <param name="Expected">What the parser expected there, e.g. <c>"'/km'"</c>.</param>
/// <param name="Found">What it found: the offending text, or <c>end of input</c>.</param>
public sealed record NotationParseError(int Position, string Expected, string Found)
{
    /// <summary>1-based column, for messages.</summary>
    public int Column => Position + 1;

    public string Message => FormattableString.Invariant($"Expected {Expected} at column {Column}, found {Found}.");
}

/// <summary>Thrown by <see cref="StepNotation.Parse"/>; carries the <see cref="NotationParseError"/>.</summary>
public sealed class NotationParseException : FormatException
{
    public NotationParseException(NotationParseError error)
        : base(error.Message)
    {
        Error = error;
    }

    public NotationParseError Error { get; }

    public int Position => Error.Position;

    public string Expected => Error.Expected;
}
