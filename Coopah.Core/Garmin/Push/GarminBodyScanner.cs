using System.Globalization;
using System.Text.Json;

namespace Coopah.Core.Garmin.Push;

/// <summary>What the request path needs to know about a body before acknowledging it.</summary>
public sealed record GarminBodyScan(int ItemCount, bool HasCallbackUrls, IReadOnlySet<string> UserIds);

/// <summary>
/// One forward-only pass over a notification body that checks its shape (an object of lists of objects, each
/// item of a known list carrying a string userId) without building objects, so even a 100 MB activityDetails
/// body is validated cheaply before the 200. The typed parse happens later, in the processing job.
/// </summary>
public static class GarminBodyScanner
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64, CommentHandling = JsonCommentHandling.Disallow };

    public static GarminBodyScan Scan(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            throw new GarminPayloadException("The body is empty.");
        }

        var reader = new Utf8JsonReader(body, ReaderOptions);
        try
        {
            return ScanEnvelope(ref reader);
        }
        catch (JsonException ex)
        {
            throw new GarminPayloadException(
                string.Create(CultureInfo.InvariantCulture, $"Malformed JSON at byte {reader.BytesConsumed}: {ex.Message}"), ex);
        }
    }

    private static GarminBodyScan ScanEnvelope(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "The body must be a JSON object of notification lists");
        var userIds = new HashSet<string>(StringComparer.Ordinal);
        var items = 0;
        var knownLists = 0;
        var hasCallbacks = false;

        while (Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString();
            var known = GarminNotificationKeys.TryParse(key, out _);
            Read(ref reader);
            if (!known)
            {
                // Garmin adds summary types over time: tolerate and skip lists we do not model.
                reader.Skip();
                continue;
            }

            knownLists++;
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw Fail(ref reader, $"'{key}' must be an array");
            }

            while (Read(ref reader) && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw Fail(ref reader, $"every item of '{key}' must be an object");
                }

                var (userId, callback) = ScanItem(ref reader, key!);
                userIds.Add(userId);
                hasCallbacks |= callback;
                items++;
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

        if (knownLists == 0)
        {
            throw new GarminPayloadException("The body holds no Garmin notification list.");
        }

        return new GarminBodyScan(items, hasCallbacks, userIds);
    }

    private static (string UserId, bool HasCallback) ScanItem(ref Utf8JsonReader reader, string key)
    {
        string? userId = null;
        var hasCallback = false;
        var depth = reader.CurrentDepth;
        while (Read(ref reader) && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.ValueTextEquals("userId"u8))
            {
                Read(ref reader);
                userId = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("callbackURL"u8))
            {
                Read(ref reader);
                hasCallback = reader.TokenType == JsonTokenType.String;
            }
            else
            {
                Read(ref reader);
                reader.Skip();
            }
        }

        return string.IsNullOrWhiteSpace(userId)
            ? throw Fail(ref reader, $"an item of '{key}' has no string userId")
            : (userId, hasCallback);
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string message)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw Fail(ref reader, message);
        }
    }

    private static bool Read(ref Utf8JsonReader reader) =>
        reader.Read() ? true : throw Fail(ref reader, "the body ends early");

    private static GarminPayloadException Fail(ref Utf8JsonReader reader, string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Invalid Garmin notification at byte {reader.BytesConsumed}: {message}."));
}
