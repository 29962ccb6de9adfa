using Coopah.Core.Garmin;

namespace Coopah.Web.Tests.Core.Garmin;

public sealed class CallbackUrlPolicyTests
{
    private static readonly CallbackUrlPolicy Policy = CallbackUrlPolicy.FromOptions(new GarminOptions
    {
        SandboxBaseUrl = new Uri("http://localhost:5080/sandbox/garmin"),
    });

    [Theory]
    [InlineData("https://apis.garmin.com/wellness-api/rest/activityFile?id=9001&token=abc")]
    [InlineData("https://apis.garmin.com/wellness-api/rest/activities?uploadStartTimeInSeconds=1767225600&uploadEndTimeInSeconds=1767229200&token=CPT123")]
    [InlineData("https://APIS.Garmin.COM/wellness-api/rest/activityDetails?token=x")]
    [InlineData("https://apis.garmin.com:443/wellness-api/rest/activities")]
    [InlineData("http://localhost:5080/sandbox/garmin/wellness-api/rest/activityFile?id=1&token=t")]
    public void Evaluate_GarminOrSandboxUrl_IsAllowed(string url)
    {
        var decision = Policy.Evaluate(url);

        Assert.True(decision.IsAllowed, decision.Reason);
        Assert.NotNull(decision.Url);
    }

    [Theory]
    [InlineData("https://evil.example/wellness-api/rest/activities")]
    [InlineData("https://apis.garmin.com@evil.example/wellness-api/rest/activities")]
    [InlineData("https://user:pw@apis.garmin.com/wellness-api/rest/activities")]
    [InlineData("https://apis.garmin.com\\@evil.example/wellness-api/rest/activities")]
    [InlineData("https://apis.garmin.com.evil.example/wellness-api/rest/activities")]
    [InlineData("https://apis.garmin.com./wellness-api/rest/activities")]
    [InlineData("https://evilapis.garmin.com/wellness-api/rest/activities")]
    [InlineData("http://apis.garmin.com/wellness-api/rest/activities")]
    [InlineData("ftp://apis.garmin.com/wellness-api/rest/activities")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://93.184.216.34/wellness-api/rest/activities")]
    [InlineData("https://[::1]/wellness-api/rest/activities")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://127.0.0.1:5080/sandbox/garmin/wellness-api/rest/activities")]
    [InlineData("https://apis.garmin.com:8443/wellness-api/rest/activities")]
    [InlineData("https://apis.garmin.com/wellness-api/rest/../../admin")]
    [InlineData("https://apis.garmin.com/wellness-api/rest/./activities")]
    [InlineData("https://apis.garmin.com/wellness-api/rest/%2e%2e/%2E%2E/admin")]
    [InlineData("https://apis.garmin.com/wellness-api/rest%2F..%2Fadmin")]
    [InlineData("https://apis.garmin.com/wellness-api/rest/%5c..%5cadmin")]
    [InlineData("https://apis.garmin.com//wellness-api/rest/activities")]
    [InlineData("https://apis%2Egarmin.com/wellness-api/rest/activities")]
    [InlineData("https://apis.gаrmin.com/wellness-api/rest/activities")]
    [InlineData("https://apis.garmin.com/wellness-api/restricted/activities")]
    [InlineData("https://apis.garmin.com/training-api/workout/v2/1")]
    [InlineData("https://apis.garmin.com/wellness-api/rest/activities#fragment")]
    [InlineData("https://apis.garmin.com/wellness-api/rest/activities?x=1 2")]
    [InlineData("http://localhost:5080/wellness-api/rest/activities")]
    [InlineData("http://localhost:5081/sandbox/garmin/wellness-api/rest/activities")]
    [InlineData("/wellness-api/rest/activities")]
    [InlineData("")]
    [InlineData(null)]
    public void Evaluate_HostileOrForeignUrl_IsDenied(string? url)
    {
        var decision = Policy.Evaluate(url);

        Assert.False(decision.IsAllowed, url);
        Assert.Null(decision.Url);
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason));
    }

    [Fact]
    public void Evaluate_OverlongUrl_IsDenied()
    {
        var url = "https://apis.garmin.com/wellness-api/rest/activities?token=" + new string('a', CallbackUrlPolicy.MaxUrlLength);

        Assert.False(Policy.IsAllowed(url));
    }

    [Fact]
    public void FromOptions_NoSandbox_AllowsOnlyGarmin()
    {
        var policy = CallbackUrlPolicy.FromOptions(new GarminOptions());

        Assert.Equal(["https://apis.garmin.com/wellness-api/rest/"], policy.AllowedPrefixes.Select(p => p.AbsoluteUri));
        Assert.False(policy.IsAllowed("http://localhost:5080/sandbox/garmin/wellness-api/rest/activities"));
    }

    [Theory]
    [InlineData("https://user@apis.garmin.com/")]
    [InlineData("https://apis.garmin.com/?q=1")]
    [InlineData("file:///tmp/")]
    public void Constructor_InvalidBase_Throws(string prefix)
    {
        Assert.Throws<ArgumentException>(() => new CallbackUrlPolicy([new Uri(prefix)]));
    }
}
