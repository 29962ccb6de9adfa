using Coopah.Core.Garmin;
using Coopah.Web.Data;
using Coopah.Web.Garmin;
using Coopah.Web.Garmin.Link;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Garmin;

/// <summary>Time-dependent behaviour, on a fake clock shared by our client and the sandbox.</summary>
public sealed class GarminTokenRefreshTests(FakeClockSandboxFactory factory) : IClassFixture<FakeClockSandboxFactory>
{
    [Fact]
    public async Task GetCredentials_AccessTokenNearExpiry_RefreshesAndPersistsRotatedRefreshToken()
    {
        var (userId, runner) = await factory.NewRunnerAsync("refresh.rotate@example.com");
        Assert.Equal(GarminLinkMessages.Linked, await GarminLinkDriver.LinkAsync(runner, login: "rotate-garmin"));
        var before = (await FindLinkAsync(userId))!;
        var oldRefresh = Protector.Unprotect(before.ProtectedRefreshToken!);
        factory.Clock.Advance(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(55));

        var credentials = await Tokens.GetCredentialsAsync(before.Id);

        var after = (await FindLinkAsync(userId))!;
        var newRefresh = Protector.Unprotect(after.ProtectedRefreshToken!);
        Assert.NotEqual(oldRefresh, newRefresh);
        Assert.True(after.AccessTokenExpiresAtUtc > before.AccessTokenExpiresAtUtc!.Value.AddHours(23));
        var bearer = Assert.IsType<GarminBearerCredentials>(credentials);
        Assert.Equal(Protector.Unprotect(after.ProtectedAccessToken!), bearer.AccessToken);
        Assert.Equal(after.GarminUserId, await Client.GetUserIdAsync(credentials));
        // The spent refresh token is dead at Garmin: keeping it instead of the new one would break the link.
        Assert.Equal("The refresh token was already used.", factory.SandboxOAuth2.Refresh(oldRefresh).Error);
    }

    [Fact]
    public async Task GetCredentials_ConcurrentCallsNearExpiry_RefreshOnceAndKeepLinkActive()
    {
        var (userId, runner) = await factory.NewRunnerAsync("refresh.concurrent@example.com");
        await GarminLinkDriver.LinkAsync(runner, login: "concurrent-garmin");
        var link = (await FindLinkAsync(userId))!;
        factory.Clock.Advance(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(55));

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Tokens.GetCredentialsAsync(link.Id)));

        Assert.Single(results.Cast<GarminBearerCredentials>().Select(c => c.AccessToken).Distinct());
        Assert.Equal(GarminLinkStatus.Active, (await FindLinkAsync(userId))!.Status);
    }

    [Fact]
    public async Task GetCredentials_FreshToken_DoesNotRefresh()
    {
        var (userId, runner) = await factory.NewRunnerAsync("refresh.fresh@example.com");
        await GarminLinkDriver.LinkAsync(runner, login: "fresh-garmin");
        var before = (await FindLinkAsync(userId))!;

        await Tokens.GetCredentialsAsync(before.Id);

        Assert.Equal(before.ProtectedRefreshToken, (await FindLinkAsync(userId))!.ProtectedRefreshToken);
    }

    [Fact]
    public async Task GetCredentials_RefreshRefusedByGarmin_MarksLinkBroken()
    {
        var (userId, runner) = await factory.NewRunnerAsync("refresh.revoked@example.com");
        await GarminLinkDriver.LinkAsync(runner, login: "revoked-garmin");
        var link = (await FindLinkAsync(userId))!;
        factory.Clock.Advance(TimeSpan.FromMilliseconds(5));
        factory.SandboxAccounts.Deregister(link.GarminUserId);
        factory.Clock.Advance(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(55));

        var error = await Assert.ThrowsAsync<GarminApiException>(() => Tokens.GetCredentialsAsync(link.Id));

        Assert.True(error.IsAuthBroken);
        Assert.Equal(GarminLinkStatus.Broken, (await FindLinkAsync(userId))!.Status);
    }

    [Fact]
    public async Task Callback_AfterFifteenMinutes_IsExpiredAndLinksNothing()
    {
        var (userId, runner) = await factory.NewRunnerAsync("refresh.expired@example.com");
        var callback = await GarminLinkDriver.ConsentAsync(runner, await GarminLinkDriver.StartAsync(runner));
        factory.Clock.Advance(TimeSpan.FromMinutes(16));

        var message = await GarminLinkDriver.FinishAsync(runner, callback);

        Assert.Equal(GarminLinkMessages.Expired, message);
        Assert.Null(await FindLinkAsync(userId));
    }

    private GarminTokenProtector Protector => factory.Services.GetRequiredService<GarminTokenProtector>();

    private GarminLinkTokens Tokens => factory.Services.GetRequiredService<GarminLinkTokens>();

    private GarminUserClient Client => factory.Services.GetRequiredService<GarminUserClient>();

    private async Task<GarminLink?> FindLinkAsync(string userId)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<CoopahDbContext>>().CreateDbContextAsync();
        return await db.GarminLinks.AsNoTracking().SingleOrDefaultAsync(l => l.UserId == userId);
    }
}
