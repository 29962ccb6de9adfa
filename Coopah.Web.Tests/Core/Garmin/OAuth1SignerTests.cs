using Coopah.Core.Garmin.OAuth;
using Microsoft.Extensions.Time.Testing;

namespace Coopah.Web.Tests.Core.Garmin;

public sealed class OAuth1SignerTests
{
    private const string RfcConsumerKey = "dpf43f3p2l4k3l03";
    private const string RfcConsumerSecret = "kd94hf93k423kf44";

    public static TheoryData<string, string, string?, string?, string, string, string[], string> RfcExamples => new()
    {
        // RFC 5849 section 1.2, temporary credentials ("initiate"); signature as corrected by the RFC errata.
        {
            "POST", "https://photos.example.net/initiate", null, null, "137131200", "wIjqoS",
            ["oauth_callback", "http://printer.example.com/ready"], "74KNZJeDHnMBp0EMJ9ZHt/XKycU="
        },
        // Section 1.2, token credentials.
        {
            "POST", "https://photos.example.net/token", "hh5s93j4hdidpola", "hdhd0244k9j7ao03", "137131201", "walatlh",
            ["oauth_verifier", "hfdp7dh39dks9884"], "gKgrFCywp7rO0OXSjdot/IHF7IU="
        },
        // Section 1.2, protected resource with query parameters.
        {
            "GET", "http://photos.example.net/photos?file=vacation.jpg&size=original", "nnch734d00sl2jdk", "pfkkdhi9sl3r4s00",
            "137131202", "chapoH", [], "MdpQcU8iPSUjWoN/UDMsK2sui9I="
        },
    };

    [Theory]
    [MemberData(nameof(RfcExamples))]
    public void ComputeSignature_Rfc5849Examples_MatchPublishedSignature(
        string method, string url, string? token, string? tokenSecret, string timestamp, string nonce, string[] extra, string expected)
    {
        var oauth = new List<KeyValuePair<string, string>>
        {
            new("oauth_consumer_key", RfcConsumerKey),
            new("oauth_signature_method", "HMAC-SHA1"),
            new("oauth_timestamp", timestamp),
            new("oauth_nonce", nonce),
        };
        if (token is not null)
        {
            oauth.Add(new("oauth_token", token));
        }

        for (var i = 0; i < extra.Length; i += 2)
        {
            oauth.Add(new(extra[i], extra[i + 1]));
        }

        var uri = new Uri(url);
        var baseString = OAuth1Signer.BuildSignatureBaseString(method, uri, OAuth1Signer.CollectParameters(uri, null, oauth));
        var signature = OAuth1Signer.ComputeSignature(baseString, RfcConsumerSecret, tokenSecret);

        Assert.Equal(expected, signature);
    }

    [Fact]
    public void BuildSignatureBaseString_Rfc5849Section341Example_MatchesPublishedBaseString()
    {
        var uri = new Uri("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
        var form = OAuthEncoding.ParseFormUrlEncoded("c2&a3=2+q");
        var oauth = new KeyValuePair<string, string>[]
        {
            new("realm", "Example"),
            new("oauth_consumer_key", "9djdj82h48djs9d2"),
            new("oauth_token", "kkk9d7dh3k39sjv7"),
            new("oauth_signature_method", "HMAC-SHA1"),
            new("oauth_timestamp", "137131201"),
            new("oauth_nonce", "7d8f3e4a"),
            new("oauth_signature", "bYT5CMsGcbgUdFHObYMEfcx6bsw%3D"),
        };

        var baseString = OAuth1Signer.BuildSignatureBaseString("post", uri, OAuth1Signer.CollectParameters(uri, form, oauth));

        Assert.Equal(
            "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D"
            + "%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1"
            + "%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7",
            baseString);
    }

    [Theory]
    [InlineData("HTTP://Example.COM:80/r%20v/X?id=123", "http://example.com/r%20v/X")]
    [InlineData("https://www.example.net:8080/?q=1", "https://www.example.net:8080/")]
    [InlineData("https://APIS.garmin.com:443/wellness-api/rest/user/id", "https://apis.garmin.com/wellness-api/rest/user/id")]
    [InlineData("http://example.com:443/", "http://example.com:443/")]
    [InlineData("https://example.com", "https://example.com/")]
    [InlineData("https://example.com/a/b#frag", "https://example.com/a/b")]
    public void NormalizeUrl_Url_LowercasesSchemeAndHostDropsDefaultPortAndQuery(string url, string expected)
    {
        var normalized = OAuth1Signer.NormalizeUrl(new Uri(url));

        Assert.Equal(expected, normalized);
    }

    [Fact]
    public void NormalizeParameters_RepeatedKeys_SortsByEncodedNameThenValueAndKeepsAll()
    {
        var normalized = OAuth1Signer.NormalizeParameters(
        [
            new("z", "2"), new("é", "1"), new("a", "z"), new("a", "b"), new("a", "a b"), new("c", ""), new("A", "+"), new("a~", "~"),
        ]);

        Assert.Equal("%C3%A9=1&A=%2B&a=a%20b&a=b&a=z&a~=~&c=&z=2", normalized);
    }

    [Fact]
    public void Sign_FakeClockAndRandom_UsesTimestampNonceAndGarminHeaderFormat()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1767250800));
        var signer = new OAuth1Signer(time, new SequenceRandomSource(0xA0));

        var result = signer.Sign("GET", new Uri("https://apis.garmin.com/wellness-api/rest/activities?uploadStartTimeInSeconds=1&uploadEndTimeInSeconds=2"),
            "ck", "cs", "uat", "uat-secret");

        Assert.StartsWith("OAuth oauth_consumer_key=\"ck\", oauth_token=\"uat\", oauth_signature_method=\"HMAC-SHA1\", "
            + "oauth_timestamp=\"1767250800\", oauth_nonce=\"a0a1a2a3a4a5a6a7a8a9aaabacadaeaf\", oauth_version=\"1.0\", oauth_signature=\"",
            result.AuthorizationHeader, StringComparison.Ordinal);
        Assert.DoesNotContain("realm", result.AuthorizationHeader, StringComparison.Ordinal);
        Assert.Contains("uploadStartTimeInSeconds%3D1", result.BaseString, StringComparison.Ordinal);
        Assert.EndsWith("oauth_signature=\"" + OAuthEncoding.PercentEncode(result.Signature) + "\"", result.AuthorizationHeader, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_TwoCalls_UseDifferentNonces()
    {
        var signer = new OAuth1Signer(new FakeTimeProvider(), new SequenceRandomSource());
        var url = new Uri("https://connectapi.garmin.com/oauth-service/oauth/request_token");

        var first = signer.Sign("POST", url, "ck", "cs");
        var second = signer.Sign("POST", url, "ck", "cs");

        Assert.NotEqual(first.Signature, second.Signature);
        Assert.NotEqual(
            first.OAuthParameters.Single(p => p.Key == "oauth_nonce").Value,
            second.OAuthParameters.Single(p => p.Key == "oauth_nonce").Value);
    }

    [Fact]
    public void ComputeSignature_NoTokenSecret_UsesConsumerSecretAndAmpersandAsKey()
    {
        var withNull = OAuth1Signer.ComputeSignature("base", "c s", null);
        var withEmpty = OAuth1Signer.ComputeSignature("base", "c s", "");
        var withToken = OAuth1Signer.ComputeSignature("base", "c s", "t");

        Assert.Equal(withNull, withEmpty);
        Assert.NotEqual(withNull, withToken);
    }
}
