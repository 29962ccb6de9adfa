using System.Globalization;
using System.Net;
using System.Text.Json;
using Coopah.Core.Garmin.OAuth;
using Coopah.Web.Sandbox;
using Coopah.Web.Tests.Infrastructure;

namespace Coopah.Web.Tests.Sandbox;

/// <summary>The sandbox verifies what Garmin verifies: OAuth 1.0a signatures, timestamps and nonces; PKCE, client secret, redirect_uri and single use.</summary>
public sealed class GarminSandboxOAuthTests(GarminSandboxFactory factory) : IClassFixture<GarminSandboxFactory>
{
    private static readonly Uri RequestTokenUrl = new("http://localhost/sandbox/garmin/oauth-service/oauth/request_token");

    [Fact]
    public async Task RequestToken_ValidSignature_ReturnsTokenPair()
    {
        using var response = await SendSignedAsync(Sign(consumerSecret: "sandbox-consumer-secret"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = OAuth1Token.ParseResponse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("rt", token.Token, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestToken_TamperedSignature_Returns401()
    {
        var signed = Sign(consumerSecret: "sandbox-consumer-secret");
        var tampered = signed.AuthorizationHeader.Replace(
            "oauth_signature=\"" + OAuthEncoding.PercentEncode(signed.Signature),
            "oauth_signature=\"" + OAuthEncoding.PercentEncode(Flip(signed.Signature)), StringComparison.Ordinal);

        using var response = await SendSignedAsync(signed with { AuthorizationHeader = tampered });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("signature does not match", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestToken_WrongConsumerSecret_Returns401()
    {
        using var response = await SendSignedAsync(Sign(consumerSecret: "not-the-secret"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RequestToken_TimestampElevenMinutesOld_Returns401()
    {
        using var response = await SendSignedAsync(Sign(consumerSecret: "sandbox-consumer-secret", at: DateTimeOffset.UtcNow.AddMinutes(-11)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("10 minutes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestToken_ReplayedNonce_Returns401()
    {
        var signed = Sign(consumerSecret: "sandbox-consumer-secret");
        using var first = await SendSignedAsync(signed);

        using var second = await SendSignedAsync(signed);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Contains("nonce", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_WrongCodeVerifier_ReturnsInvalidGrantAndSpendsCode()
    {
        var (code, verifier, redirect) = await AuthorizeAsync("pkce-wrong");

        using var wrong = await TokenAsync(code, Pkce.CreateVerifier(CryptoRandomSource.Instance), redirect);
        using var retry = await TokenAsync(code, verifier, redirect);

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("invalid_grant", await ErrorAsync(wrong));
        Assert.Equal(HttpStatusCode.BadRequest, retry.StatusCode);
    }

    [Fact]
    public async Task Token_CodeUsedTwice_SecondIsInvalidGrant()
    {
        var (code, verifier, redirect) = await AuthorizeAsync("pkce-twice");

        using var first = await TokenAsync(code, verifier, redirect);
        using var second = await TokenAsync(code, verifier, redirect);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal("invalid_grant", await ErrorAsync(second));
    }

    [Fact]
    public async Task Token_RedirectUriDiffers_ReturnsInvalidGrant()
    {
        var (code, verifier, _) = await AuthorizeAsync("pkce-redirect");

        using var response = await TokenAsync(code, verifier, "http://evil.example/garmin/oauth2/callback");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", await ErrorAsync(response));
    }

    [Fact]
    public async Task Token_WrongClientSecret_Returns401InvalidClient()
    {
        var (code, verifier, redirect) = await AuthorizeAsync("pkce-secret");

        using var response = await TokenAsync(code, verifier, redirect, clientSecret: "wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", await ErrorAsync(response));
    }

    [Fact]
    public async Task Token_RefreshTokenUsedTwice_RotatesThenRejects()
    {
        var tokens = factory.SandboxOAuth2.IssueOAuth2Tokens(SandboxAccounts.GarminUserIdFor("refresh-twice"));

        using var first = await RefreshAsync(tokens.RefreshToken!);
        using var second = await RefreshAsync(tokens.RefreshToken!);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var body = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        Assert.NotEqual(tokens.RefreshToken, body.RootElement.GetProperty("refresh_token").GetString());
        Assert.Equal(86400, body.RootElement.GetProperty("expires_in").GetInt32());
        Assert.Equal(7775998, body.RootElement.GetProperty("refresh_token_expires_in").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal("invalid_grant", await ErrorAsync(second));
    }

    [Fact]
    public async Task UserId_AfterDeleteRegistration_Returns401LikeGarmin()
    {
        var garminUserId = SandboxAccounts.GarminUserIdFor("dereg-user-id");
        var tokens = factory.SandboxOAuth2.IssueOAuth2Tokens(garminUserId);
        using var client = factory.CreateAnonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", tokens.AccessToken);

        using var before = await client.GetAsync("/sandbox/garmin/wellness-api/rest/user/id");
        using var deleted = await client.DeleteAsync("/sandbox/garmin/wellness-api/rest/user/registration");
        using var after = await client.GetAsync("/sandbox/garmin/wellness-api/rest/user/id");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        using (var body = JsonDocument.Parse(await before.Content.ReadAsStringAsync()))
        {
            Assert.Equal(garminUserId, body.RootElement.GetProperty("userId").GetString());
        }

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        // What lets Coopah tell a real deregistration from a late one for an older grant.
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task OAuth2Confirm_UnknownClientId_Returns400()
    {
        using var client = factory.CreateAnonymous();

        using var response = await client.GetAsync("/sandbox/garmin/oauth2Confirm?response_type=code&client_id=nope&code_challenge=abc&code_challenge_method=S256&redirect_uri=http%3A%2F%2Flocalhost%2Fcb");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("client_id", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OAuth2Confirm_ConsentPage_ShowsCoopahUserBeingLinked()
    {
        using var client = factory.CreateAnonymous();
        var challenge = Pkce.ComputeS256Challenge(Pkce.CreateVerifier(CryptoRandomSource.Instance));

        var html = await client.GetStringAsync($"/sandbox/garmin/oauth2Confirm?response_type=code&client_id=sandbox-client-id&code_challenge={challenge}&code_challenge_method=S256&redirect_uri=http%3A%2F%2Flocalhost%2Fgarmin%2Foauth2%2Fcallback&state=s1&coopah_user=Finn%20Runner");

        Assert.Contains("Linking Coopah user: <strong>Finn Runner</strong>", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"sandbox-approve\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"sandbox-deny\"", html, StringComparison.Ordinal);
    }

    private static OAuth1Signature Sign(string consumerSecret, DateTimeOffset? at = null) =>
        OAuth1Signer.SignWith("POST", RequestTokenUrl, "sandbox-consumer-key", consumerSecret, null, null,
            Guid.NewGuid().ToString("N"), (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            extraOAuthParameters: [new(OAuth1Parameters.Callback, "http://localhost/garmin/callback")]);

    private async Task<HttpResponseMessage> SendSignedAsync(OAuth1Signature signed)
    {
        using var client = factory.CreateAnonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, RequestTokenUrl);
        request.Headers.TryAddWithoutValidation("Authorization", signed.AuthorizationHeader);
        return await client.SendAsync(request);
    }

    private static string Flip(string signature) =>
        (signature[0] == 'A' ? "B" : "A") + signature[1..];

    /// <summary>Approves a PKCE authorization on the sandbox consent form; returns the code, verifier and redirect_uri.</summary>
    private async Task<(string Code, string Verifier, string Redirect)> AuthorizeAsync(string login)
    {
        using var client = factory.CreateAnonymous();
        var verifier = Pkce.CreateVerifier(CryptoRandomSource.Instance);
        const string redirect = "http://localhost/garmin/oauth2/callback";
        using var response = await client.PostAsync("/sandbox/garmin/oauth2Confirm", new FormUrlEncodedContent(
        [
            new("response_type", "code"), new("client_id", "sandbox-client-id"), new("redirect_uri", redirect),
            new("code_challenge", Pkce.ComputeS256Challenge(verifier)), new("code_challenge_method", "S256"),
            new("state", "st"), new("login", login), new("permission", "WORKOUT_IMPORT"), new("decision", "approve"),
        ]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var query = response.Headers.Location!.Query;
        var code = OAuthEncoding.ParseFormUrlEncoded(query.TrimStart('?')).Single(p => p.Key == "code").Value;
        return (code, verifier, redirect);
    }

    private async Task<HttpResponseMessage> TokenAsync(string code, string verifier, string redirect, string clientSecret = "sandbox-client-secret")
    {
        using var client = factory.CreateAnonymous();
        return await client.PostAsync("/sandbox/garmin/di-oauth2-service/oauth/token", new FormUrlEncodedContent(
        [
            new("grant_type", "authorization_code"), new("client_id", "sandbox-client-id"), new("client_secret", clientSecret),
            new("code", code), new("code_verifier", verifier), new("redirect_uri", redirect),
        ]));
    }

    private async Task<HttpResponseMessage> RefreshAsync(string refreshToken)
    {
        using var client = factory.CreateAnonymous();
        return await client.PostAsync("/sandbox/garmin/di-oauth2-service/oauth/token", new FormUrlEncodedContent(
        [
            new("grant_type", "refresh_token"), new("client_id", "sandbox-client-id"), new("client_secret", "sandbox-client-secret"),
            new("refresh_token", refreshToken),
        ]));
    }

    private static async Task<string?> ErrorAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("error").GetString();
    }
}
