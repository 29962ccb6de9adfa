using Coopah.Core.Garmin.OAuth;
using Coopah.Core.Garmin.Push;
using Microsoft.Extensions.Time.Testing;

namespace Coopah.Web.Tests.Core.Garmin;

public sealed class GarminWebhookTests
{
    [Theory]
    [InlineData("client-id", "client-id", true)]
    [InlineData("client-ie", "client-id", false)]
    [InlineData("client-id ", "client-id", false)]
    [InlineData(null, "client-id", false)]
    [InlineData("client-id", "", false)]
    public void IsClientIdValid_Header_ComparesExactly(string? header, string configured, bool expected)
    {
        Assert.Equal(expected, GarminWebhook.IsClientIdValid(header, configured));
    }

    [Theory]
    [InlineData(GarminNotificationType.ActivityDetails, 100L * 1024 * 1024)]
    [InlineData(GarminNotificationType.Activities, 10L * 1024 * 1024)]
    [InlineData(GarminNotificationType.Deregistrations, 10L * 1024 * 1024)]
    public void MaxBodyBytes_Type_FollowsGarminMinimums(GarminNotificationType type, long expected)
    {
        Assert.Equal(expected, GarminWebhook.MaxBodyBytes(type));
    }

    [Fact]
    public void SenderHeaders_ClientId_IncludesGarminClientIdHeader()
    {
        var headers = GarminWebhook.SenderHeaders("cid");

        Assert.Contains(new KeyValuePair<string, string>("garmin-client-id", "cid"), headers);
        Assert.Contains(headers, h => h.Key == "User-Agent" && h.Value == "Garmin Health API");
    }

    [Fact]
    public void TryRegister_SameNonceTwice_RejectsReplayUntilRetentionPasses()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1767250800));
        var guard = new OAuth1ReplayGuard(time);
        Assert.True(OAuth1AuthorizationHeader.TryParse("OAuth oauth_consumer_key=\"k\", oauth_nonce=\"n1\", oauth_timestamp=\"1767250800\"", out var header));
        Assert.True(OAuth1AuthorizationHeader.TryParse("OAuth oauth_consumer_key=\"k\", oauth_nonce=\"n2\", oauth_timestamp=\"1767250800\"", out var other));

        var first = guard.TryRegister(header!);
        var replay = guard.TryRegister(header!);
        var different = guard.TryRegister(other!);
        time.Advance(OAuth1ReplayGuard.Retention + TimeSpan.FromSeconds(1));
        var afterRetention = guard.TryRegister(header!);

        Assert.True(first);
        Assert.False(replay);
        Assert.True(different);
        Assert.True(afterRetention);
    }
}
