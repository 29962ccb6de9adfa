using Coopah.Core.Garmin.OAuth;
using Microsoft.Extensions.Time.Testing;

namespace Coopah.Web.Tests.Core.Garmin;

public sealed class OAuth1VerifierTests
{
    private const string RfcResourceHeader = "OAuth realm=\"Photos\", oauth_consumer_key=\"dpf43f3p2l4k3l03\", oauth_token=\"nnch734d00sl2jdk\", "
        + "oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"137131202\", oauth_nonce=\"chapoH\", oauth_signature=\"MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D\"";

    private const string RfcInitiateHeader = "OAuth realm=\"Photos\",\n    oauth_consumer_key=\"dpf43f3p2l4k3l03\",\n    oauth_signature_method=\"HMAC-SHA1\",\n"
        + "    oauth_timestamp=\"137131200\",\n    oauth_nonce=\"wIjqoS\",\n    oauth_callback=\"http%3A%2F%2Fprinter.example.com%2Fready\",\n"
        + "    oauth_signature=\"74KNZJeDHnMBp0EMJ9ZHt%2FXKycU%3D\"";

    private static readonly Uri RfcResourceUrl = new("http://photos.example.net/photos?file=vacation.jpg&size=original");

    private static OAuth1Verifier VerifierAt(long unixSeconds) => new(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));

    [Fact]
    public void Verify_Rfc5849ResourceRequest_IsValid()
    {
        var result = VerifierAt(137131202).Verify("GET", RfcResourceUrl, null, RfcResourceHeader, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00");

        Assert.Equal(OAuth1VerificationStatus.Valid, result.Status);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Verify_Rfc5849InitiateRequestWithLineBreaks_IsValidAndExposesCallback()
    {
        Assert.True(OAuth1AuthorizationHeader.TryParse(RfcInitiateHeader, out var header));

        var result = VerifierAt(137131200).Verify("POST", new Uri("https://photos.example.net/initiate"), null, header!, "kd94hf93k423kf44", null);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal("http://printer.example.com/ready", header!.Callback);
        Assert.Null(header.Token);
    }

    [Theory]
    [InlineData("GET", "http://photos.example.net/photos?file=vacation.jpg&size=large", "kd94hf93k423kf44", "pfkkdhi9sl3r4s00")]
    [InlineData("POST", "http://photos.example.net/photos?file=vacation.jpg&size=original", "kd94hf93k423kf44", "pfkkdhi9sl3r4s00")]
    [InlineData("GET", "http://photos.example.net/photos2?file=vacation.jpg&size=original", "kd94hf93k423kf44", "pfkkdhi9sl3r4s00")]
    [InlineData("GET", "http://photos.example.net/photos?file=vacation.jpg&size=original", "wrong", "pfkkdhi9sl3r4s00")]
    [InlineData("GET", "http://photos.example.net/photos?file=vacation.jpg&size=original", "kd94hf93k423kf44", "wrong")]
    public void Verify_TamperedRequestOrWrongSecret_IsInvalidSignature(string method, string url, string consumerSecret, string tokenSecret)
    {
        var result = VerifierAt(137131202).Verify(method, new Uri(url), null, RfcResourceHeader, consumerSecret, tokenSecret);

        Assert.Equal(OAuth1VerificationStatus.InvalidSignature, result.Status);
    }

    [Theory]
    [InlineData(0, OAuth1VerificationStatus.Valid)]
    [InlineData(600, OAuth1VerificationStatus.Valid)]
    [InlineData(-600, OAuth1VerificationStatus.Valid)]
    [InlineData(601, OAuth1VerificationStatus.TimestampOutOfRange)]
    [InlineData(-601, OAuth1VerificationStatus.TimestampOutOfRange)]
    [InlineData(86400, OAuth1VerificationStatus.TimestampOutOfRange)]
    public void Verify_ClockSkew_AcceptsUpToTenMinutes(long skewSeconds, OAuth1VerificationStatus expected)
    {
        var result = VerifierAt(137131202 + skewSeconds).Verify("GET", RfcResourceUrl, null, RfcResourceHeader, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00");

        Assert.Equal(expected, result.Status);
    }

    [Theory]
    [InlineData(null, OAuth1VerificationStatus.MissingHeader)]
    [InlineData("", OAuth1VerificationStatus.MissingHeader)]
    [InlineData("Bearer abc", OAuth1VerificationStatus.MalformedHeader)]
    [InlineData("OAuth oauth_consumer_key=unquoted", OAuth1VerificationStatus.MalformedHeader)]
    [InlineData("OAuth oauth_nonce=\"a\", oauth_nonce=\"b\"", OAuth1VerificationStatus.MalformedHeader)]
    [InlineData("OAuth oauth_consumer_key=\"k\", oauth_signature_method=\"HMAC-SHA1\"", OAuth1VerificationStatus.MissingParameter)]
    [InlineData("OAuth oauth_consumer_key=\"k\", oauth_signature_method=\"RSA-SHA1\", oauth_timestamp=\"137131202\", oauth_nonce=\"n\", oauth_signature=\"s\"", OAuth1VerificationStatus.UnsupportedSignatureMethod)]
    [InlineData("OAuth oauth_consumer_key=\"k\", oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"137131202\", oauth_nonce=\"n\", oauth_version=\"2.0\", oauth_signature=\"s\"", OAuth1VerificationStatus.UnsupportedVersion)]
    [InlineData("OAuth oauth_consumer_key=\"k\", oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"soon\", oauth_nonce=\"n\", oauth_signature=\"s\"", OAuth1VerificationStatus.TimestampOutOfRange)]
    public void Verify_BadHeader_ReportsWhy(string? header, OAuth1VerificationStatus expected)
    {
        var result = VerifierAt(137131202).Verify("GET", RfcResourceUrl, null, header, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00");

        Assert.Equal(expected, result.Status);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Verify_SignerOutputWithFormAndRepeatedQueryKeys_RoundTrips()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1767250800));
        var signer = new OAuth1Signer(time, new SequenceRandomSource());
        var url = new Uri("https://apis.garmin.com/x?b=2&a=1&a=1&e=&u=%C3%A9%2B~");
        KeyValuePair<string, string>[] form = [new("name", "Tempo + strides"), new("a", "0")];
        var signed = signer.Sign("POST", url, "ck", "cs", "tok", "tok-secret", form,
            [new KeyValuePair<string, string>("oauth_verifier", "v 1")]);
        var verifier = new OAuth1Verifier(time);

        var valid = verifier.Verify("POST", url, form, signed.AuthorizationHeader, "cs", "tok-secret");
        var tamperedForm = verifier.Verify("POST", url, [new("name", "Tempo + strides"), new("a", "1")], signed.AuthorizationHeader, "cs", "tok-secret");
        var droppedRepeat = verifier.Verify("POST", new Uri("https://apis.garmin.com/x?b=2&a=1&e=&u=%C3%A9%2B~"), form, signed.AuthorizationHeader, "cs", "tok-secret");

        Assert.True(valid.IsValid, valid.Reason);
        Assert.Equal(OAuth1VerificationStatus.InvalidSignature, tamperedForm.Status);
        Assert.Equal(OAuth1VerificationStatus.InvalidSignature, droppedRepeat.Status);
    }
}
