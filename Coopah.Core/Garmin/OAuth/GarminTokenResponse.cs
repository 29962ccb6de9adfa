using System.Text.Json.Serialization;

namespace Coopah.Core.Garmin.OAuth;

/// <summary>The JSON body of Garmin's OAuth 2.0 token endpoint (also the OAuth1 -> OAuth2 token exchange).</summary>
public sealed record GarminTokenResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; init; }

    [JsonPropertyName("expires_in")]
    public long? ExpiresIn { get; init; }

    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; init; }

    [JsonPropertyName("refresh_token_expires_in")]
    public long? RefreshTokenExpiresIn { get; init; }

    [JsonPropertyName("scope")]
    public string? Scope { get; init; }

    [JsonPropertyName("jti")]
    public string? Jti { get; init; }

    /// <summary>Redacts the tokens.</summary>
    public override string ToString() => $"GarminTokenResponse {{ ExpiresIn = {ExpiresIn}, Scope = {Scope} }}";
}
