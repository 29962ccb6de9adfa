using Coopah.Core.Garmin.OAuth;

namespace Coopah.Web.Tests.Core.Garmin;

public sealed class OAuthCallbackTests
{
    [Theory]
    [InlineData("req", "ver123", OAuth1CallbackStatus.Approved)]
    [InlineData("req", "NULL", OAuth1CallbackStatus.Denied)]
    [InlineData("req", "null", OAuth1CallbackStatus.Denied)]
    [InlineData("req", null, OAuth1CallbackStatus.Denied)]
    [InlineData("req", "", OAuth1CallbackStatus.Denied)]
    [InlineData(null, "ver123", OAuth1CallbackStatus.MissingToken)]
    public void OAuth1Evaluate_TokenAndVerifier_ReportsStatus(string? token, string? verifier, OAuth1CallbackStatus expected)
    {
        var result = OAuth1CallbackResult.Evaluate(token, verifier);

        Assert.Equal(expected, result.Status);
        Assert.Equal(expected == OAuth1CallbackStatus.Approved ? verifier : null, result.Verifier);
    }

    [Theory]
    [InlineData("code1", "s-user", null, "s-user", OAuth2CallbackStatus.Approved)]
    [InlineData("code1", "s-other-user", null, "s-user", OAuth2CallbackStatus.StateMismatch)]
    [InlineData("code1", null, null, "s-user", OAuth2CallbackStatus.StateMismatch)]
    [InlineData("code1", "s-user", null, null, OAuth2CallbackStatus.StateMismatch)]
    [InlineData(null, "s-user", "access_denied", "s-user", OAuth2CallbackStatus.Denied)]
    [InlineData(null, "s-user", "server_error", "s-user", OAuth2CallbackStatus.Error)]
    [InlineData(null, "s-other-user", "access_denied", "s-user", OAuth2CallbackStatus.StateMismatch)]
    [InlineData(null, "s-user", null, "s-user", OAuth2CallbackStatus.MissingCode)]
    public void OAuth2Evaluate_Query_ChecksStateBeforeAnythingElse(string? code, string? state, string? error, string? expectedState, OAuth2CallbackStatus expected)
    {
        var result = OAuth2CallbackResult.Evaluate(code, state, error, null, expectedState);

        Assert.Equal(expected, result.Status);
        Assert.Equal(expected == OAuth2CallbackStatus.Approved ? code : null, result.Code);
    }

    [Fact]
    public void ParseResponse_FormBody_ReadsTokenAndSecret()
    {
        var token = OAuth1Token.ParseResponse("oauth_token=hh5s93j4hdidpola&oauth_token_secret=hdhd0244k9j7ao03&oauth_callback_confirmed=true");

        Assert.Equal(new OAuth1Token("hh5s93j4hdidpola", "hdhd0244k9j7ao03"), token);
        Assert.DoesNotContain("hdhd0244k9j7ao03", token.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("oauth_token=abc")]
    [InlineData("oauth_token_secret=abc")]
    [InlineData("<html>error</html>")]
    public void ParseResponse_IncompleteBody_ThrowsFormatException(string body)
    {
        Assert.Throws<FormatException>(() => OAuth1Token.ParseResponse(body));
    }
}
