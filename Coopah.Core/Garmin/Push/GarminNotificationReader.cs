using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using static Coopah.Core.Garmin.Push.GarminNotificationRules;

namespace Coopah.Core.Garmin.Push;

/// <summary>One item of a body as the reader found it: where it is, its ids, and why it breaks a rule (null when valid).</summary>
/// <param name="Type">The list it is in.</param>
/// <param name="Index">Its position in that list (counting on across a list key that appears twice).</param>
/// <param name="Start">Byte offset of the item in the body.</param>
/// <param name="Length">Byte length of the item.</param>
/// <param name="UserId">Its userId when it has a usable one.</param>
/// <param name="SummaryId">Its summaryId when it has a usable one.</param>
/// <param name="CallbackUrl">Its callbackURL (set on pings).</param>
/// <param name="Error">The first rule it breaks, or null.</param>
public sealed record GarminItemSlice(
    GarminNotificationType Type, int Index, int Start, int Length, string? UserId, string? SummaryId, string? CallbackUrl, string? Error)
{
    public bool IsValid => Error is null;
}

/// <summary>The items of a body (valid or not, in body order) and the top-level keys we do not model.</summary>
public sealed record GarminBodyContent(IReadOnlyList<GarminItemSlice> Items, IReadOnlyList<string> UnknownKeys);

/// <summary>
/// One forward-only pass over a notification body, shared by the endpoint (before the 200) and processing, that
/// applies <see cref="GarminNotificationRules"/> without building objects. A body that cannot be stored meaningfully
/// (empty, not UTF-8, not JSON, a string that does not decode, not an object of notification lists) raises
/// <see cref="GarminPayloadException"/> with a reason; a bad item only gets its <see cref="GarminItemSlice.Error"/>,
/// so its neighbours still count.
/// </summary>
public static class GarminNotificationReader
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow };

    public static GarminBodyContent Read(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            throw new GarminPayloadException("The body is empty.");
        }

        if (!Utf8.IsValid(body))
        {
            // RFC 8259 JSON is UTF-8: such a body has no faithful text form to store or show.
            throw new GarminPayloadException(string.Create(CultureInfo.InvariantCulture, $"The body is not valid UTF-8 (byte {FirstInvalidUtf8(body)})."));
        }

        var reader = new Utf8JsonReader(body, ReaderOptions);
        try
        {
            return ReadEnvelope(ref reader);
        }
        catch (JsonException ex)
        {
            throw new GarminPayloadException(
                string.Create(CultureInfo.InvariantCulture, $"Malformed JSON at byte {reader.BytesConsumed}: {ex.Message}"), ex);
        }
    }

    private static GarminBodyContent ReadEnvelope(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw Fail(ref reader, "The body must be a JSON object of notification lists");
        }

        var items = new List<GarminItemSlice>();
        var unknown = new List<string>();
        var counts = new int[Enum.GetValues<GarminNotificationType>().Length];
        var knownLists = 0;
        while (Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = ReadString(ref reader);
            Read(ref reader);
            if (!GarminNotificationKeys.TryParse(key, out var type))
            {
                var start = (int)reader.TokenStartIndex;
                // Garmin adds summary types over time (and Health API lists share the format): skip, whatever the value.
                SkipValue(ref reader);
                unknown.Add(key);
                if (GarminNotificationKeys.TryParseIgnoringCase(key, out var near))
                {
                    // Not read (names are exact), but not silently dropped either: parked whole, so an admin sees it.
                    items.Add(new GarminItemSlice(near, -1, start, (int)reader.BytesConsumed - start, null, null, null,
                        $"list '{key}' differs from '{GarminNotificationKeys.For(near)}' only in case; its items were not read"));
                }

                continue;
            }

            knownLists++;
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw Fail(ref reader, $"'{key}' must be an array");
            }

            // A list key that appears twice is not ambiguous about its items: all of them count, numbered on.
            while (Read(ref reader) && reader.TokenType != JsonTokenType.EndArray)
            {
                items.Add(ReadItem(ref reader, type, counts[(int)type]++));
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw Fail(ref reader, "unexpected token after the notification lists");
        }

        if (reader.Read())
        {
            throw Fail(ref reader, "unexpected content after the JSON object");
        }

        return knownLists == 0
            ? throw new GarminPayloadException("The body holds no Garmin notification list.")
            : new GarminBodyContent(items, unknown);
    }

    private static GarminItemSlice ReadItem(ref Utf8JsonReader reader, GarminNotificationType type, int index)
    {
        var start = (int)reader.TokenStartIndex;
        var key = GarminNotificationKeys.For(type);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var token = reader.TokenType;
            SkipValue(ref reader);
            return new GarminItemSlice(type, index, start, (int)reader.BytesConsumed - start, null, null, null,
                $"item {Invariant(index)} of '{key}' is {Describe(token)}, not an object");
        }

        var facts = new ItemFacts();
        ReadObject(ref reader, For(type), ref facts, topLevel: true);
        var error = facts.Error;
        if (error is null && facts.UserId is null)
        {
            error = "has no userId";
        }

        error ??= MissingRequired(type, facts.SummaryId, facts.CallbackUrl);
        return new GarminItemSlice(type, index, start, (int)reader.BytesConsumed - start, facts.UserId, facts.SummaryId, facts.CallbackUrl,
            error is null ? null : $"item {Invariant(index)} of '{key}' {error}");
    }

    /// <summary>Reads an object (the reader on its StartObject) to its end, noting the first broken rule.</summary>
    private static void ReadObject(ref Utf8JsonReader reader, Schema schema, ref ItemFacts facts, bool topLevel)
    {
        var depth = reader.CurrentDepth;
        HashSet<string>? seen = null;
        Span<char> buffer = stackalloc char[128];
        while (Read(ref reader) && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            // Property names are short; they are looked up without allocating (a details body has millions).
            scoped ReadOnlySpan<char> name;
            string? nameString = null;
            if (!reader.ValueIsEscaped && reader.ValueSpan.Length <= buffer.Length)
            {
                name = buffer[..Encoding.UTF8.GetChars(reader.ValueSpan, buffer)];
            }
            else
            {
                nameString = ReadString(ref reader);
                name = nameString;
            }

            if (!schema.Exact.TryGetValue(name, out var kind))
            {
                if (schema.IgnoringCase.TryGetValue(name, out var canonical))
                {
                    facts.Note($"has '{name}', which differs from '{canonical}' only in case");
                }

                Read(ref reader);
                SkipValue(ref reader);
                continue;
            }

            nameString ??= name.ToString();
            if (!(seen ??= new HashSet<string>(StringComparer.Ordinal)).Add(nameString))
            {
                facts.Note($"has '{nameString}' twice");
            }

            Read(ref reader);
            var problem = ReadField(ref reader, kind, nameString, ref facts, topLevel);
            if (problem is not null)
            {
                facts.Note($"has an invalid '{nameString}': {problem}");
            }
        }
    }

    /// <summary>Checks one field value (the reader on it) and leaves the reader on its last token; returns the problem.</summary>
    private static string? ReadField(ref Utf8JsonReader reader, FieldKind kind, string name, ref ItemFacts facts, bool topLevel)
    {
        var token = reader.TokenType;
        if (token == JsonTokenType.Null)
        {
            // Every field is optional in Garmin's contract: null is the same as absent.
            return null;
        }

        switch (kind)
        {
            case FieldKind.Id:
            {
                if (token != JsonTokenType.String)
                {
                    SkipValue(ref reader);
                    return "must be a string, not " + Describe(token);
                }

                var value = ReadString(ref reader);
                if (string.IsNullOrWhiteSpace(value) || value.Length > MaxIdLength)
                {
                    return "must be a non-blank string of at most " + Invariant(MaxIdLength) + " characters";
                }

                if (topLevel)
                {
                    facts.SetId(name, value);
                }

                return null;
            }

            case FieldKind.Text:
            {
                if (token != JsonTokenType.String)
                {
                    SkipValue(ref reader);
                    return "must be a string, not " + Describe(token);
                }

                var value = ReadString(ref reader);
                if (topLevel && name == "callbackURL" && value.Length > 0)
                {
                    facts.CallbackUrl = value;
                }

                return null;
            }

            case FieldKind.TextOrNumber:
                if (token == JsonTokenType.String)
                {
                    ReadString(ref reader);
                    return null;
                }

                return token == JsonTokenType.Number ? null : Skipped(ref reader, "must be a string or a number, not " + Describe(token));

            case FieldKind.EpochSeconds or FieldKind.OffsetSeconds or FieldKind.DurationSeconds:
                if (token != JsonTokenType.Number)
                {
                    return Skipped(ref reader, "must be a whole number, not " + Describe(token));
                }

                return reader.TryGetInt64(out var integer) ? CheckInteger(kind, integer) : "must be a whole number of seconds";

            case FieldKind.Number or FieldKind.NonNegativeNumber or FieldKind.HeartRate:
                if (token != JsonTokenType.Number)
                {
                    return Skipped(ref reader, "must be a number, not " + Describe(token));
                }

                return reader.TryGetDouble(out var number) ? CheckNumber(kind, number) : "must be a finite number";

            case FieldKind.Boolean:
                return token is JsonTokenType.True or JsonTokenType.False ? null : Skipped(ref reader, "must be true or false, not " + Describe(token));

            case FieldKind.Summary:
                if (token != JsonTokenType.StartObject)
                {
                    return Skipped(ref reader, "must be an object, not " + Describe(token));
                }

                var inner = new ItemFacts();
                ReadObject(ref reader, SummaryFields, ref inner, topLevel: false);
                return inner.Error;

            case FieldKind.Samples or FieldKind.Laps:
                return ReadArray(ref reader, kind == FieldKind.Samples ? SampleFields : LapFields);

            case FieldKind.Texts:
                return ReadArray(ref reader, schema: null);

            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    /// <summary>An array of objects of <paramref name="schema"/>, or of strings when it is null; the first problem.</summary>
    private static string? ReadArray(ref Utf8JsonReader reader, Schema? schema)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return Skipped(ref reader, "must be an array, not " + Describe(reader.TokenType));
        }

        string? problem = null;
        var i = 0;
        while (Read(ref reader) && reader.TokenType != JsonTokenType.EndArray)
        {
            var at = Invariant(i++);
            if (schema is null)
            {
                if (reader.TokenType == JsonTokenType.String)
                {
                    ReadString(ref reader);
                }
                else
                {
                    problem ??= $"element {at} must be a string, not {Describe(reader.TokenType)}";
                    SkipValue(ref reader);
                }
            }
            else if (reader.TokenType == JsonTokenType.StartObject)
            {
                var facts = new ItemFacts();
                ReadObject(ref reader, schema, ref facts, topLevel: false);
                problem ??= facts.Error is null ? null : $"element {at} {facts.Error}";
            }
            else
            {
                problem ??= $"element {at} must be an object, not {Describe(reader.TokenType)}";
                SkipValue(ref reader);
            }
        }

        return problem;
    }

    private static string Skipped(ref Utf8JsonReader reader, string problem)
    {
        SkipValue(ref reader);
        return problem;
    }

    /// <summary>Skips a value (the reader on its first token), still decoding every escaped string on the way.</summary>
    private static void SkipValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                CheckString(ref reader);
            }

            return;
        }

        var depth = reader.CurrentDepth;
        while (Read(ref reader) && !(reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray && reader.CurrentDepth == depth))
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
            {
                CheckString(ref reader);
            }
        }
    }

    /// <summary>A string that does not decode (a lone surrogate escape) makes the whole body unusable, as invalid UTF-8 does.</summary>
    private static void CheckString(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            ReadString(ref reader);
        }
    }

    private static string ReadString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            throw new GarminPayloadException(
                string.Create(CultureInfo.InvariantCulture, $"The body has a string that is not valid text at byte {reader.TokenStartIndex}: {ex.Message}"), ex);
        }
    }

    private static bool Read(ref Utf8JsonReader reader) =>
        reader.Read() ? true : throw Fail(ref reader, "the body ends early");

    private static GarminPayloadException Fail(ref Utf8JsonReader reader, string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Invalid Garmin notification at byte {reader.BytesConsumed}: {message}."));

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static long FirstInvalidUtf8(ReadOnlySpan<byte> body)
    {
        Span<char> chars = stackalloc char[1024];
        long offset = 0;
        while (!body.IsEmpty)
        {
            var status = Utf8.ToUtf16(body, chars, out var read, out _, replaceInvalidSequences: false, isFinalBlock: true);
            if (status != System.Buffers.OperationStatus.DestinationTooSmall)
            {
                return offset + read;
            }

            offset += read;
            body = body[read..];
        }

        return offset;
    }

    /// <summary>What an item's top level says about it, and the first rule it breaks.</summary>
    private struct ItemFacts
    {
        public string? UserId;
        public string? SummaryId;
        public string? CallbackUrl;
        public string? Error;

        public void Note(string problem) => Error ??= problem;

        public void SetId(string name, string value)
        {
            if (name == "userId")
            {
                UserId = value;
            }
            else if (name == "summaryId")
            {
                SummaryId = value;
            }
        }
    }
}
