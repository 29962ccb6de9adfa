using System.Net;
using Coopah.Core.Garmin.OAuth;
using Coopah.Web.Tests.Infrastructure;

namespace Coopah.Web.Tests.Sandbox;

/// <summary>Issue 15, item 9: the sandbox consent pages send the browser (and a code) only to Coopah's registered callback.</summary>
public sealed class SandboxConsentRedirectTests(GarminSandboxFactory factory) : IClassFixture<GarminSandboxFactory>
{
    [Theory]
    [InlineData("https://evil.example/cb")]
    [InlineData("https://evil.example/garmin/oauth2/callback")]
    [InlineData("http://localhost/elsewhere")]
    public async Task OAuth2Decide_ForeignRedirectUri_Returns400WithoutRedirect(string redirect)
    {
        var (_, runner) = await factory.NewRunnerAsync($"redirect.{Guid.NewGuid():N}@example.com");
        var consent = await GarminLinkDriver.StartAsync(runner);
        var fields = OAuthEncoding.ParseFormUrlEncoded(consent.Query.TrimStart('?'))
            .Select(p => p.Key == "redirect_uri" ? new KeyValuePair<string, string>(p.Key, redirect) : p)
            .Append(new("login", "evil")).Append(new("permission", "WORKOUT_IMPORT")).Append(new("decision", "approve"));

        using var response = await runner.PostAsync(consent.AbsolutePath, new FormUrlEncodedContent(fields));
        using var page = await runner.GetAsync(consent.AbsolutePath + "?" + string.Join('&',
            OAuthEncoding.ParseFormUrlEncoded(consent.Query.TrimStart('?')).Select(p => p.Key + "=" + Uri.EscapeDataString(p.Key == "redirect_uri" ? redirect : p.Value))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("redirect_uri is not the one registered", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
    }

    [Fact]
    public async Task OAuth2Decide_RegisteredRedirectUri_RedirectsWithCode()
    {
        var (_, runner) = await factory.NewRunnerAsync("redirect.registered@example.com");
        var consent = await GarminLinkDriver.StartAsync(runner);

        var callback = await GarminLinkDriver.ConsentAsync(runner, consent);

        Assert.Equal("http://localhost/garmin/oauth2/callback", callback.GetLeftPart(UriPartial.Path));
        Assert.Contains("code=", callback.Query, StringComparison.Ordinal);
    }
}

public sealed class SandboxOAuth1ConsentRedirectTests(GarminOAuth1SandboxFactory factory) : IClassFixture<GarminOAuth1SandboxFactory>
{
    [Fact]
    public async Task OAuth1Decide_ForeignCallback_Returns400WithoutRedirect()
    {
        var (_, runner) = await factory.NewRunnerAsync("redirect.oauth1@example.com");
        var consent = await GarminLinkDriver.StartAsync(runner);
        var token = OAuthEncoding.ParseFormUrlEncoded(consent.Query.TrimStart('?')).Single(p => p.Key == "oauth_token").Value;

        using var response = await runner.PostAsync(consent.AbsolutePath, new FormUrlEncodedContent(
        [
            new("oauth_token", token), new("oauth_callback", "https://evil.example/cb"), new("login", "evil"), new("decision", "approve"),
        ]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }
}
