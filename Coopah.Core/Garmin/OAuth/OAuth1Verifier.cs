using System.Globalization;
using System.Security.Cryptography;

namespace Coopah.Core.Garmin.OAuth;

/// <summary>Outcome of verifying an OAuth 1.0a signed request.</summary>
public enum OAuth1VerificationStatus
{
    Valid,
    MissingHeader,
    MalformedHeader,
    MissingParameter,
    UnsupportedSignatureMethod,
    UnsupportedVersion,
    TimestampOutOfRange,
    InvalidSignature,
}

/// <summary>Result of <see cref="OAuth1Verifier.Verify(string, Uri, IEnumerable{KeyValuePair{string, string}}?, OAuth1AuthorizationHeader, string, string?)"/>.</summary>
public sealed record OAuth1VerificationResult(OAuth1VerificationStatus Status, string Reason)
{
    /// <summary>True when the signature and timestamp are valid.</summary>
    public bool IsValid => Status == OAuth1VerificationStatus.Valid;
}

/// <summary>
/// Server side of OAuth 1.0a (used by the Garmin sandbox): recomputes the HMAC-SHA1 signature over the request's
/// method, URL (query included), form parameters and header parameters, and checks the timestamp skew.
/// Nonce replay detection is left to the caller (it needs storage); <see cref="OAuth1AuthorizationHeader.Nonce"/> is exposed.
/// </summary>
public sealed class OAuth1Verifier(TimeProvider timeProvider)
{
    /// <summary>Garmin rejects timestamps more than 10 minutes away from now.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(10);

    /// <summary>Verifies using a raw Authorization header value.</summary>
    public OAuth1VerificationResult Verify(
        string method,
        Uri url,
        IEnumerable<KeyValuePair<string, string>>? formParameters,
        string? authorizationHeader,
        string consumerSecret,
        string? tokenSecret)
    {
        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            return new(OAuth1VerificationStatus.MissingHeader, "No Authorization header.");
        }

        return OAuth1AuthorizationHeader.TryParse(authorizationHeader, out var header)
            ? Verify(method, url, formParameters, header!, consumerSecret, tokenSecret)
            : new(OAuth1VerificationStatus.MalformedHeader, "The Authorization header is not a valid OAuth header.");
    }

    /// <summary>Verifies using an already parsed header (parse first to look up the secrets by key and token).</summary>
    public OAuth1VerificationResult Verify(
        string method,
        Uri url,
        IEnumerable<KeyValuePair<string, string>>? formParameters,
        OAuth1AuthorizationHeader header,
        string consumerSecret,
        string? tokenSecret)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (header.ConsumerKey is null || header.SignatureMethod is null || header.Timestamp is null
            || header.Nonce is null || header.Signature is null)
        {
            return new(OAuth1VerificationStatus.MissingParameter,
                "oauth_consumer_key, oauth_signature_method, oauth_timestamp, oauth_nonce and oauth_signature are required.");
        }

        if (!string.Equals(header.SignatureMethod, OAuth1Signer.SignatureMethod, StringComparison.Ordinal))
        {
            return new(OAuth1VerificationStatus.UnsupportedSignatureMethod, "Only HMAC-SHA1 is supported.");
        }

        if (header.Version is not null && !string.Equals(header.Version, OAuth1Signer.Version, StringComparison.Ordinal))
        {
            return new(OAuth1VerificationStatus.UnsupportedVersion, "oauth_version must be 1.0.");
        }

        if (!long.TryParse(header.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return new(OAuth1VerificationStatus.TimestampOutOfRange, "oauth_timestamp is not a number of seconds.");
        }

        var now = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - timestamp) > (long)MaxClockSkew.TotalSeconds)
        {
            return new(OAuth1VerificationStatus.TimestampOutOfRange, "oauth_timestamp is more than 10 minutes from the server time.");
        }

        var baseString = OAuth1Signer.BuildSignatureBaseString(
            method, url, OAuth1Signer.CollectParameters(url, formParameters, header.Parameters));
        var expected = OAuth1Signer.ComputeSignature(baseString, consumerSecret, tokenSecret);
        return FixedTimeEquals(expected, header.Signature)
            ? new(OAuth1VerificationStatus.Valid, "OK")
            : new(OAuth1VerificationStatus.InvalidSignature, "The signature does not match.");
    }

    private static bool FixedTimeEquals(string expected, string actual)
    {
        var a = System.Text.Encoding.ASCII.GetBytes(expected);
        var b = System.Text.Encoding.UTF8.GetBytes(actual);
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}
