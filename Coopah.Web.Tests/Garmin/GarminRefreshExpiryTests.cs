using Coopah.Web.Data;
using Coopah.Web.Garmin;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Garmin;

/// <summary>Its own host: the clock jumps three months, which the other fake-clock tests should not share.</summary>
public sealed class GarminRefreshExpiryTests(FakeClockSandboxFactory factory) : IClassFixture<FakeClockSandboxFactory>
{
    [Fact]
    public async Task GetCredentials_RefreshTokenExpired_MarksLinkBrokenWithoutCallingGarmin()
    {
        var (userId, runner) = await factory.NewRunnerAsync("refresh.expired90@example.com");
        await GarminLinkDriver.LinkAsync(runner, login: "expired90-garmin");
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<CoopahDbContext>>().CreateDbContextAsync();
        var link = await db.GarminLinks.AsNoTracking().SingleAsync(l => l.UserId == userId);
        factory.Clock.Advance(TimeSpan.FromDays(91));

        var error = await Assert.ThrowsAsync<GarminLinkUnavailableException>(
            () => factory.Services.GetRequiredService<GarminLinkTokens>().GetCredentialsAsync(link.Id));

        Assert.Contains("expired", error.Message, StringComparison.Ordinal);
        var after = await db.GarminLinks.AsNoTracking().SingleAsync(l => l.UserId == userId);
        Assert.Equal(GarminLinkStatus.Broken, after.Status);
        Assert.Equal(link.ProtectedRefreshToken, after.ProtectedRefreshToken);
    }
}
