namespace Coopah.Core.Fit;

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
