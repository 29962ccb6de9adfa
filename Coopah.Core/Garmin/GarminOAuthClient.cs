using System.Net.Http.Headers;
using System.Text;
using Coopah.Core.Garmin.OAuth;

namespace Coopah.Core.Garmin;

/// <summary>
/// Garmin's token endpoints: the OAuth 1.0a three-step flow, OAuth 2.0 PKCE consent, code exchange and refresh,
/// and the OAuth1-to-OAuth2 migration. Linking and the token refresher use it; data calls never do.
/// </summary>
public sealed class GarminOAuthClient(GarminHttpTransport transport)
{
    private GarminOptions Options => transport.Options;

    // ---------------------------------------------------------------- OAuth 1.0a

    /// <summary>
    /// Step 1: a request token (signed with the consumer key only). oauth_callback is <paramref name="callbackUri"/>,
    /// else <see cref="GarminOptions.OAuth1CallbackUri"/>, else omitted (Garmin then uses the portal's callback).
    /// </summary>
    public async Task<OAuth1Token> GetRequestTokenAsync(Uri? callbackUri = null, CancellationToken cancellationToken = default)
    {
        var url = GarminOptions.Combine(Options.ConnectApiBaseUrl, Options.RequestTokenPath);
        var extra = (callbackUri ?? Options.OAuth1CallbackUri) is { } callback
            ? new[] { new KeyValuePair<string, string>(OAuth1Parameters.Callback, callback.AbsoluteUri) }
            : null;
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        transport.Sign(request, token: null, tokenSecret: null, formParameters: null, extra);
        return await ReadOAuth1TokenAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Step 2: the consent page (oauthConfirm) to redirect the browser to.</summary>
    public Uri BuildOAuth1ConfirmUrl(string requestToken, Uri? callbackUri = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestToken);
        var query = new List<KeyValuePair<string, string>> { new(OAuth1Parameters.Token, requestToken) };
        if ((callbackUri ?? Options.OAuth1CallbackUri) is { } callback)
        {
            query.Add(new(OAuth1Parameters.Callback, callback.AbsoluteUri));
        }

        return GarminHttpTransport.WithQuery(GarminOptions.Combine(Options.ConnectBaseUrl, Options.OAuth1ConfirmPath), query);
    }

    /// <summary>Step 3: exchanges the approved request token and verifier for the user access token.</summary>
    public async Task<OAuth1Token> GetAccessTokenAsync(OAuth1Token requestToken, string verifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestToken);
        ArgumentException.ThrowIfNullOrEmpty(verifier);
        var url = GarminOptions.Combine(Options.ConnectApiBaseUrl, Options.AccessTokenPath);
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        transport.Sign(request, requestToken.Token, requestToken.TokenSecret, formParameters: null,
            [new KeyValuePair<string, string>(OAuth1Parameters.Verifier, verifier)]);
        return await ReadOAuth1TokenAsync(request, cancellationToken).ConfigureAwait(false);
    }

    // ---------------------------------------------------------------- OAuth 2.0 PKCE

    /// <summary>A fresh verifier, S256 challenge and state; store the verifier and state server-side for the user.</summary>
    public PkceAuthorization CreatePkceAuthorization() => Pkce.Create(transport.RandomSource);

    /// <summary>The oauth2Confirm consent URL; redirect_uri is <paramref name="redirectUri"/>, else the configured one, else omitted.</summary>
    public Uri BuildOAuth2ConfirmUrl(string codeChallenge, string state, Uri? redirectUri = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(codeChallenge);
        ArgumentException.ThrowIfNullOrEmpty(state);
        var query = new List<KeyValuePair<string, string>>
        {
            new("response_type", "code"),
            new("client_id", Options.ClientId),
            new("code_challenge", codeChallenge),
            new("code_challenge_method", Pkce.ChallengeMethod),
        };
        if ((redirectUri ?? Options.OAuth2RedirectUri) is { } redirect)
        {
            query.Add(new("redirect_uri", redirect.AbsoluteUri));
        }

        query.Add(new("state", state));
        return GarminHttpTransport.WithQuery(GarminOptions.Combine(Options.ConnectBaseUrl, Options.OAuth2ConfirmPath), query);
    }

    /// <summary>Exchanges an authorization code (with its PKCE verifier and the redirect_uri used at consent) for tokens.</summary>
    public Task<GarminOAuth2Token> ExchangeCodeAsync(string code, string codeVerifier, Uri? redirectUri = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        ArgumentException.ThrowIfNullOrEmpty(codeVerifier);
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "authorization_code"),
            new("client_id", Options.ClientId),
            new("client_secret", Options.ClientSecret),
            new("code", code),
            new("code_verifier", codeVerifier),
        };
        if ((redirectUri ?? Options.OAuth2RedirectUri) is { } redirect)
        {
            form.Add(new("redirect_uri", redirect.AbsoluteUri));
        }

        return PostTokenAsync(form, previous: null, cancellationToken);
    }

    /// <summary>
    /// Refreshes the tokens. The result carries the newest refresh token (Garmin rotates it): persist it in place
    /// of <paramref name="current"/>.
    /// </summary>
    public Task<GarminOAuth2Token> RefreshAsync(GarminOAuth2Token current, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "refresh_token"),
            new("client_id", Options.ClientId),
            new("client_secret", Options.ClientSecret),
            new("refresh_token", current.RefreshToken),
        };
        return PostTokenAsync(form, current, cancellationToken);
    }

    /// <summary>Migration: exchanges a user's OAuth 1.0a token for OAuth 2.0 tokens (signed with the OAuth1 token).</summary>
    public async Task<GarminOAuth2Token> ExchangeOAuth1TokenAsync(GarminOAuth1Credentials credentials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var url = GarminOptions.Combine(Options.ApisBaseUrl, Options.TokenExchangePath);
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        transport.Authorize(request, credentials, formParameters: null);
        var issuedAt = transport.TimeProvider.GetUtcNow();
        var response = await transport.SendForJsonAsync(request, GarminJsonContext.Default.GarminTokenResponse, cancellationToken).ConfigureAwait(false);
        return ToToken(response, issuedAt, previous: null, request);
    }

    private async Task<GarminOAuth2Token> PostTokenAsync(List<KeyValuePair<string, string>> form, GarminOAuth2Token? previous, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, GarminOptions.Combine(Options.DiauthBaseUrl, Options.TokenPath))
        {
            Content = new StringContent(OAuthEncoding.FormatFormUrlEncoded(form), Encoding.UTF8, GarminHttpTransport.FormMediaType),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GarminHttpTransport.JsonMediaType));
        // Taken before sending: the expiry we compute then errs early, never late.
        var issuedAt = transport.TimeProvider.GetUtcNow();
        var response = await transport.SendForJsonAsync(request, GarminJsonContext.Default.GarminTokenResponse, cancellationToken).ConfigureAwait(false);
        return ToToken(response, issuedAt, previous, request);
    }

    private static GarminOAuth2Token ToToken(GarminTokenResponse response, DateTimeOffset issuedAt, GarminOAuth2Token? previous, HttpRequestMessage request)
    {
        try
        {
            return GarminOAuth2Token.FromResponse(response, issuedAt, previous);
        }
        catch (FormatException ex)
        {
            throw GarminHttpTransport.InvalidResponse(request, null, ex.Message, ex);
        }
    }

    private async Task<OAuth1Token> ReadOAuth1TokenAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await transport.SendForStringAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            return OAuth1Token.ParseResponse(body);
        }
        catch (FormatException ex)
        {
            throw GarminHttpTransport.InvalidResponse(request, body, ex.Message, ex);
        }
    }
}
