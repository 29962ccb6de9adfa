namespace Coopah.Core.Garmin.OAuth;

/// <summary>The parsed parameters of an <c>Authorization: OAuth ...</c> header.</summary>
public sealed record OAuth1AuthorizationHeader(IReadOnlyDictionary<string, string> Parameters)
{
    public string? ConsumerKey => Get(OAuth1Parameters.ConsumerKey);
    public string? Token => Get(OAuth1Parameters.Token);
    public string? SignatureMethod => Get(OAuth1Parameters.SignatureMethod);
    public string? Timestamp => Get(OAuth1Parameters.Timestamp);
    public string? Nonce => Get(OAuth1Parameters.Nonce);
    public string? Version => Get(OAuth1Parameters.Version);
    public string? Signature => Get(OAuth1Parameters.Signature);
    public string? Callback => Get(OAuth1Parameters.Callback);
    public string? Verifier => Get(OAuth1Parameters.Verifier);

    private string? Get(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>
    /// Parses <c>OAuth name="value", ...</c> (scheme case-insensitive, values percent-decoded).
    /// Returns false for another scheme, a syntax error or a repeated parameter.
    /// </summary>
    public static bool TryParse(string? headerValue, out OAuth1AuthorizationHeader? header)
    {
        header = null;
        if (string.IsNullOrWhiteSpace(headerValue))
        {
            return false;
        }

        var text = headerValue.Trim();
        if (!text.StartsWith("OAuth ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 6;
        while (i < text.Length)
        {
            while (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] == ','))
            {
                i++;
            }

            if (i >= text.Length)
            {
                break;
            }

            var eq = text.IndexOf('=', i);
            if (eq < 0)
            {
                return false;
            }

            var name = text[i..eq].Trim();
            if (name.Length == 0 || eq + 1 >= text.Length || text[eq + 1] != '"')
            {
                return false;
            }

            var close = text.IndexOf('"', eq + 2);
            if (close < 0)
            {
                return false;
            }

            var value = text[(eq + 2)..close];
            if (!parameters.TryAdd(OAuthEncoding.PercentDecode(name), OAuthEncoding.PercentDecode(value)))
            {
                return false;
            }

            i = close + 1;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i < text.Length && text[i] != ',')
            {
                return false;
            }
        }

        header = new OAuth1AuthorizationHeader(parameters);
        return true;
    }
}
