using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coopah.Core.Garmin.Push;

/// <summary>
/// Reads a JSON string or number as a string (Garmin ids are documented as strings but sent as numbers);
/// writes digit-only values as numbers, as Garmin does.
/// </summary>
public sealed class FlexibleStringConverter : JsonConverter<string>
{
    /// <inheritdoc />
    public override bool HandleNull => false;

    /// <inheritdoc />
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray()),
            _ => throw new JsonException("Expected a string or a number."),
        };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length is > 0 and <= 18 && value.All(char.IsAsciiDigit) && (value.Length == 1 || value[0] != '0'))
        {
            writer.WriteRawValue(value, skipInputValidation: true);
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
