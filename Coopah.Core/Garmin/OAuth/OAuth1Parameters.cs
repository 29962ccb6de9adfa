namespace Coopah.Core.Garmin.OAuth;

/// <summary>OAuth 1.0a protocol parameter names.</summary>
public static class OAuth1Parameters
{
    public const string ConsumerKey = "oauth_consumer_key";
    public const string Token = "oauth_token";
    public const string TokenSecret = "oauth_token_secret";
    public const string SignatureMethod = "oauth_signature_method";
    public const string Timestamp = "oauth_timestamp";
    public const string Nonce = "oauth_nonce";
    public const string Version = "oauth_version";
    public const string Signature = "oauth_signature";
    public const string Callback = "oauth_callback";
    public const string Verifier = "oauth_verifier";
    public const string Realm = "realm";
}
