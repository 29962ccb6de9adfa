using Coopah.Core.Garmin.OAuth;

namespace Coopah.Web.Tests.Core.Garmin;

public sealed class OAuthEncodingTests
{
    [Theory]
    [InlineData("abcXYZ019-._~", "abcXYZ019-._~")]
    [InlineData(" ", "%20")]
    [InlineData("+", "%2B")]
    [InlineData("*", "%2A")]
    [InlineData("!'()", "%21%27%28%29")]
    [InlineData("&=?#/:@", "%26%3D%3F%23%2F%3A%40")]
    [InlineData("%", "%25")]
    [InlineData("é", "%C3%A9")]
    [InlineData("€", "%E2%82%AC")]
    [InlineData("😀", "%F0%9F%98%80")]
    [InlineData("", "")]
    public void PercentEncode_Value_EncodesEverythingOutsideUnreservedAsUppercaseUtf8(string value, string expected)
    {
        var encoded = OAuthEncoding.PercentEncode(value);

        Assert.Equal(expected, encoded);
    }

    [Theory]
    [InlineData("%C3%A9", false, "é")]
    [InlineData("a+b", true, "a b")]
    [InlineData("a+b", false, "a+b")]
    [InlineData("%2B", true, "+")]
    [InlineData("%zz%4", false, "%zz%4")]
    [InlineData("%e2%82%ac", false, "€")]
    public void PercentDecode_Value_DecodesUtf8AndOptionalPlus(string value, bool plusAsSpace, string expected)
    {
        var decoded = OAuthEncoding.PercentDecode(value, plusAsSpace);

        Assert.Equal(expected, decoded);
    }

    [Fact]
    public void ParseFormUrlEncoded_RepeatedAndEmptyValues_KeepsEveryPairInOrder()
    {
        var pairs = OAuthEncoding.ParseFormUrlEncoded("?a=1&a=2&c2&empty=&b=x+y%21");

        Assert.Equal(
            [new("a", "1"), new("a", "2"), new("c2", ""), new("empty", ""), new("b", "x y!")],
            pairs);
    }

    [Fact]
    public void FormatFormUrlEncoded_Pairs_UsesRfc3986Encoding()
    {
        var text = OAuthEncoding.FormatFormUrlEncoded([new("redirect uri", "https://x/y?a=b"), new("t", "a~b+c")]);

        Assert.Equal("redirect%20uri=https%3A%2F%2Fx%2Fy%3Fa%3Db&t=a~b%2Bc", text);
    }

    [Theory]
    [InlineData("https://coopah.test/garmin/callback?x=1", "https://coopah.test/garmin/callback?x=1&oauth_token=t%201&oauth_verifier=v")]
    [InlineData("https://coopah.test/garmin/callback", "https://coopah.test/garmin/callback?oauth_token=t%201&oauth_verifier=v")]
    [InlineData("http://localhost:5080/cb?a=%2B&b", "http://localhost:5080/cb?a=%2B&b&oauth_token=t%201&oauth_verifier=v")]
    public void AppendQuery_ExistingQuery_KeepsItAndAppendsAfter(string url, string expected)
    {
        var result = OAuthEncoding.AppendQuery(new Uri(url), [new("oauth_token", "t 1"), new("oauth_verifier", "v")]);

        Assert.Equal(expected, result.AbsoluteUri);
    }
}
