using System.Net;
using Coopah.Core.Garmin;
using Coopah.Core.Garmin.OAuth;

namespace Coopah.Web.Tests.Core.Garmin;

public sealed class GarminTokenTests
{
    private static readonly DateTimeOffset Issued = new(2026, 3, 14, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void FromResponse_FullResponse_ComputesBothExpiries()
    {
        var response = new GarminTokenResponse { AccessToken = "a1", RefreshToken = "r1", ExpiresIn = 86400, RefreshTokenExpiresIn = 7775998, Scope = "PARTNER_READ" };

        var token = GarminOAuth2Token.FromResponse(response, Issued);

        Assert.Equal(Issued.AddDays(1), token.AccessTokenExpiresAt);
        Assert.Equal(Issued.AddSeconds(7775998), token.RefreshTokenExpiresAt);
        Assert.Equal("r1", token.RefreshToken);
        Assert.DoesNotContain("a1", token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FromResponse_RotatedRefreshToken_KeepsTheNewest()
    {
        var previous = new GarminOAuth2Token("a1", "r1", Issued, Issued.AddDays(90), "S");
        var response = new GarminTokenResponse { AccessToken = "a2", RefreshToken = "r2", ExpiresIn = 86400, RefreshTokenExpiresIn = 100 };

        var token = GarminOAuth2Token.FromResponse(response, Issued.AddHours(1), previous);

        Assert.Equal("a2", token.AccessToken);
        Assert.Equal("r2", token.RefreshToken);
        Assert.Equal(Issued.AddHours(1).AddSeconds(100), token.RefreshTokenExpiresAt);
        Assert.Equal("S", token.Scope);
    }

    [Fact]
    public void FromResponse_NoRefreshTokenInResponse_KeepsPreviousRefreshToken()
    {
        var previous = new GarminOAuth2Token("a1", "r1", Issued, Issued.AddDays(90), null);

        var token = GarminOAuth2Token.FromResponse(new GarminTokenResponse { AccessToken = "a2" }, Issued, previous);

        Assert.Equal("r1", token.RefreshToken);
        Assert.Equal(Issued.AddDays(90), token.RefreshTokenExpiresAt);
        Assert.Equal(Issued.AddSeconds(86400), token.AccessTokenExpiresAt);
    }

    [Theory]
    [InlineData(null, "r")]
    [InlineData("a", null)]
    public void FromResponse_MissingTokens_Throws(string? access, string? refresh)
    {
        Assert.Throws<FormatException>(() =>
            GarminOAuth2Token.FromResponse(new GarminTokenResponse { AccessToken = access, RefreshToken = refresh }, Issued));
    }

    [Theory]
    [InlineData(60 * 24, false)]
    [InlineData(11, false)]
    [InlineData(10, false)]
    [InlineData(9, true)]
    [InlineData(0, true)]
    [InlineData(-30, true)]
    public void NeedsRefresh_MinutesToExpiry_RefreshesUnderTenMinutes(int minutesLeft, bool expected)
    {
        var token = new GarminOAuth2Token("a", "r", Issued.AddMinutes(minutesLeft), null, null);

        Assert.Equal(expected, GarminTokenRefreshPolicy.NeedsRefresh(token, Issued));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(0, true)]
    [InlineData(-1, true)]
    public void IsRefreshTokenExpired_Expiry_ComparesWithNow(int daysLeft, bool expected)
    {
        var token = new GarminOAuth2Token("a", "r", Issued, Issued.AddDays(daysLeft), null);

        Assert.Equal(expected, GarminTokenRefreshPolicy.IsRefreshTokenExpired(token, Issued));
    }

    [Fact]
    public async Task EnsureFreshAsync_FreshToken_ReturnsItWithoutCallingGarmin()
    {
        var (client, handler, time) = GarminTestSetup.Create();
        var token = new GarminOAuth2Token("a1", "r1", time.GetUtcNow().AddMinutes(30), null, null);

        var result = await new GarminTokenRefresher(client.OAuth, time).EnsureFreshAsync(token);

        Assert.False(result.Refreshed);
        Assert.Same(token, result.Token);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task EnsureFreshAsync_ExpiringToken_RefreshesAndReturnsNewestRefreshToken()
    {
        var (client, handler, time) = GarminTestSetup.Create();
        handler.Respond(HttpStatusCode.OK, """{"access_token":"a2","token_type":"bearer","expires_in":86400,"refresh_token":"r2","refresh_token_expires_in":7775998}""");
        var token = new GarminOAuth2Token("a1", "r1", time.GetUtcNow().AddMinutes(5), null, null);

        var result = await new GarminTokenRefresher(client.OAuth, time).EnsureFreshAsync(token);

        Assert.True(result.Refreshed);
        Assert.Equal("a2", result.Token.AccessToken);
        Assert.Equal("r2", result.Token.RefreshToken);
        Assert.Equal(time.GetUtcNow().AddDays(1), result.Token.AccessTokenExpiresAt);
        Assert.Contains("refresh_token=r1", handler.Requests.Single().Body, StringComparison.Ordinal);
    }
}
