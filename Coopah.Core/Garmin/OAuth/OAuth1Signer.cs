using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Coopah.Core.Garmin.OAuth;

/// <summary>Result of signing a request with OAuth 1.0a (HMAC-SHA1).</summary>
/// <param name="Signature">The base64 signature (not percent-encoded).</param>
/// <param name="BaseString">The signature base string that was signed.</param>
/// <param name="OAuthParameters">The oauth_* protocol parameters, including oauth_signature.</param>
/// <param name="AuthorizationHeader">The full Authorization header value, starting with "OAuth ".</param>
public sealed record OAuth1Signature(
    string Signature,
    string BaseString,
    IReadOnlyList<KeyValuePair<string, string>> OAuthParameters,
    string AuthorizationHeader);

/// <summary>
/// OAuth 1.0a HMAC-SHA1 signer per RFC 5849, as Garmin runs it (no realm, oauth_version 1.0).
/// Nonce and timestamp come from the injected <see cref="TimeProvider"/> and <see cref="IRandomSource"/>.
/// </summary>
public sealed class OAuth1Signer(TimeProvider timeProvider, IRandomSource randomSource)
{
    /// <summary>The only signature method Garmin accepts.</summary>
    public const string SignatureMethod = "HMAC-SHA1";

    /// <summary>The protocol version sent in oauth_version.</summary>
    public const string Version = "1.0";

    /// <summary>Creates a signer using the system clock and a cryptographic random source.</summary>
    public OAuth1Signer()
        : this(TimeProvider.System, CryptoRandomSource.Instance)
    {
    }

    /// <summary>
    /// Signs a request. <paramref name="url"/> may carry query parameters (they are signed);
    /// <paramref name="formParameters"/> are the application/x-www-form-urlencoded body parameters, if any;
    /// <paramref name="extraOAuthParameters"/> are protocol parameters such as oauth_callback or oauth_verifier.
    /// </summary>
    public OAuth1Signature Sign(
        string method,
        Uri url,
        string consumerKey,
        string consumerSecret,
        string? token = null,
        string? tokenSecret = null,
        IEnumerable<KeyValuePair<string, string>>? formParameters = null,
        IEnumerable<KeyValuePair<string, string>>? extraOAuthParameters = null)
    {
        var timestamp = timeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        Span<byte> nonceBytes = stackalloc byte[16];
        randomSource.Fill(nonceBytes);
        var nonce = Convert.ToHexStringLower(nonceBytes);
        return SignWith(method, url, consumerKey, consumerSecret, token, tokenSecret, nonce, timestamp, formParameters, extraOAuthParameters);
    }

    /// <summary>Signs with an explicit nonce and timestamp (deterministic; used by tests and the signer itself).</summary>
    public static OAuth1Signature SignWith(
        string method,
        Uri url,
        string consumerKey,
        string consumerSecret,
        string? token,
        string? tokenSecret,
        string nonce,
        string timestamp,
        IEnumerable<KeyValuePair<string, string>>? formParameters = null,
        IEnumerable<KeyValuePair<string, string>>? extraOAuthParameters = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        var oauth = new List<KeyValuePair<string, string>>
        {
            new(OAuth1Parameters.ConsumerKey, consumerKey),
        };
        if (!string.IsNullOrEmpty(token))
        {
            oauth.Add(new(OAuth1Parameters.Token, token));
        }

        oauth.Add(new(OAuth1Parameters.SignatureMethod, SignatureMethod));
        oauth.Add(new(OAuth1Parameters.Timestamp, timestamp));
        oauth.Add(new(OAuth1Parameters.Nonce, nonce));
        oauth.Add(new(OAuth1Parameters.Version, Version));
        if (extraOAuthParameters is not null)
        {
            oauth.AddRange(extraOAuthParameters);
        }

        var baseString = BuildSignatureBaseString(method, url, CollectParameters(url, formParameters, oauth));
        var signature = ComputeSignature(baseString, consumerSecret, tokenSecret);
        oauth.Add(new(OAuth1Parameters.Signature, signature));
        return new OAuth1Signature(signature, baseString, oauth, FormatAuthorizationHeader(oauth));
    }

    /// <summary>
    /// All parameters that enter the signature: the URL query, the form body and the oauth_* protocol parameters
    /// (oauth_signature and realm excluded). Repeated names are kept.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> CollectParameters(
        Uri url,
        IEnumerable<KeyValuePair<string, string>>? formParameters,
        IEnumerable<KeyValuePair<string, string>> oauthParameters)
    {
        ArgumentNullException.ThrowIfNull(url);
        var all = new List<KeyValuePair<string, string>>(OAuthEncoding.ParseFormUrlEncoded(url.Query));
        if (formParameters is not null)
        {
            all.AddRange(formParameters);
        }

        all.AddRange(oauthParameters.Where(p =>
            !string.Equals(p.Key, OAuth1Parameters.Signature, StringComparison.Ordinal)
            && !string.Equals(p.Key, OAuth1Parameters.Realm, StringComparison.Ordinal)));
        return all;
    }

    /// <summary>RFC 5849 section 3.4.1: METHOD &amp; encode(base URL) &amp; encode(normalised parameters).</summary>
    public static string BuildSignatureBaseString(string method, Uri url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        return method.ToUpperInvariant()
            + "&" + OAuthEncoding.PercentEncode(NormalizeUrl(url))
            + "&" + OAuthEncoding.PercentEncode(NormalizeParameters(parameters));
    }

    /// <summary>
    /// RFC 5849 section 3.4.1.2: lowercase scheme and host, the port only when not the scheme's default,
    /// the path as sent, no query and no fragment.
    /// </summary>
    public static string NormalizeUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            throw new ArgumentException("The URL must be absolute.", nameof(url));
        }

        var scheme = url.Scheme.ToLowerInvariant();
        var host = url.Host.ToLowerInvariant();
        var includePort = !url.IsDefaultPort
            && !(scheme == "http" && url.Port == 80)
            && !(scheme == "https" && url.Port == 443);
        var path = string.IsNullOrEmpty(url.AbsolutePath) ? "/" : url.AbsolutePath;
        return includePort
            ? string.Create(CultureInfo.InvariantCulture, $"{scheme}://{host}:{url.Port}{path}")
            : $"{scheme}://{host}{path}";
    }

    /// <summary>RFC 5849 section 3.4.1.3.2: encode names and values, sort by name then value (ordinal), join.</summary>
    public static string NormalizeParameters(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters
            .Select(p => (Name: OAuthEncoding.PercentEncode(p.Key), Value: OAuthEncoding.PercentEncode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));

    /// <summary>HMAC-SHA1 over the base string with key encode(consumerSecret)&amp;encode(tokenSecret), base64.</summary>
    public static string ComputeSignature(string baseString, string consumerSecret, string? tokenSecret)
    {
        var key = OAuthEncoding.PercentEncode(consumerSecret) + "&" + OAuthEncoding.PercentEncode(tokenSecret);
        var hash = HMACSHA1.HashData(Encoding.ASCII.GetBytes(key), Encoding.ASCII.GetBytes(baseString));
        return Convert.ToBase64String(hash);
    }

    /// <summary>Formats <c>OAuth name="value", ...</c> with percent-encoded names and values.</summary>
    public static string FormatAuthorizationHeader(IEnumerable<KeyValuePair<string, string>> oauthParameters) =>
        "OAuth " + string.Join(", ", oauthParameters.Select(p =>
            OAuthEncoding.PercentEncode(p.Key) + "=\"" + OAuthEncoding.PercentEncode(p.Value) + "\""));
}
