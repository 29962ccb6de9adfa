using System.Text;

namespace Coopah.Core.Garmin.OAuth;

/// <summary>RFC 3986 / RFC 5849 percent-encoding and form parsing.</summary>
public static class OAuthEncoding
{
    private const string HexUpper = "0123456789ABCDEF";

    /// <summary>
    /// Percent-encodes <paramref name="value"/> as RFC 5849 section 3.6 requires: UTF-8 bytes, every byte outside
    /// the unreserved set (ALPHA, DIGIT, '-', '.', '_', '~') becomes %XX with uppercase hex.
    /// </summary>
    public static string PercentEncode(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        var builder = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (IsUnreserved(b))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(HexUpper[b >> 4]).Append(HexUpper[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    /// <summary>True for the RFC 3986 unreserved characters.</summary>
    public static bool IsUnreserved(char c) => c < 128 && IsUnreserved((byte)c);

    private static bool IsUnreserved(byte b) =>
        b is >= (byte)'A' and <= (byte)'Z'
            or >= (byte)'a' and <= (byte)'z'
            or >= (byte)'0' and <= (byte)'9'
            or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~';

    /// <summary>
    /// Decodes %XX sequences (UTF-8). When <paramref name="plusAsSpace"/> is true, '+' becomes a space
    /// (application/x-www-form-urlencoded). Malformed escapes are kept literally.
    /// </summary>
    public static string PercentDecode(string? value, bool plusAsSpace = false)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value.IndexOf('%', StringComparison.Ordinal) < 0 && !(plusAsSpace && value.Contains('+', StringComparison.Ordinal)))
        {
            return value;
        }

        var bytes = new List<byte>(value.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%' && i + 2 < value.Length && IsHex(value[i + 1]) && IsHex(value[i + 2]))
            {
                bytes.Add((byte)((HexValue(value[i + 1]) << 4) | HexValue(value[i + 2])));
                i += 2;
            }
            else if (c == '+' && plusAsSpace)
            {
                bytes.Add((byte)' ');
            }
            else if (c < 128)
            {
                bytes.Add((byte)c);
            }
            else
            {
                var length = char.IsHighSurrogate(c) && i + 1 < value.Length
                    ? Encoding.UTF8.GetBytes(value.AsSpan(i, 2), utf8)
                    : Encoding.UTF8.GetBytes(value.AsSpan(i, 1), utf8);
                if (char.IsHighSurrogate(c) && i + 1 < value.Length)
                {
                    i++;
                }

                for (var k = 0; k < length; k++)
                {
                    bytes.Add(utf8[k]);
                }
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>
    /// Parses an application/x-www-form-urlencoded string (or a URL query, with or without its leading '?').
    /// Repeated names are kept in order; a name without '=' has an empty value; '+' decodes to a space.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ParseFormUrlEncoded(string? text)
    {
        var result = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrEmpty(text))
        {
            return result;
        }

        var span = text.StartsWith('?') ? text[1..] : text;
        foreach (var pair in span.Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? pair : pair[..eq];
            var value = eq < 0 ? string.Empty : pair[(eq + 1)..];
            result.Add(new(PercentDecode(name, plusAsSpace: true), PercentDecode(value, plusAsSpace: true)));
        }

        return result;
    }

    /// <summary>Formats name/value pairs as a form body or query string using <see cref="PercentEncode"/>.</summary>
    public static string FormatFormUrlEncoded(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.Select(p => PercentEncode(p.Key) + "=" + PercentEncode(p.Value)));

    /// <summary>
    /// Appends parameters after any query <paramref name="url"/> already has (as Garmin does when it redirects to
    /// a callback that carries its own parameters).
    /// </summary>
    public static Uri AppendQuery(Uri url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(url);
        var extra = FormatFormUrlEncoded(parameters);
        if (extra.Length == 0)
        {
            return url;
        }

        var builder = new UriBuilder(url);
        var existing = builder.Query.TrimStart('?');
        builder.Query = existing.Length == 0 ? extra : existing + "&" + extra;
        return builder.Uri;
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => c - 'A' + 10,
    };
}
