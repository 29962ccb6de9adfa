using Coopah.Core.Garmin;
using Coopah.Web.Data;
using Coopah.Web.Garmin;
using Coopah.Web.Garmin.Link;
using Coopah.Web.Sandbox;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using LinkMode = Coopah.Core.Garmin.GarminAuthMode;

namespace Coopah.Web.Tests.Garmin.Link;

public sealed class GarminOAuth1LinkTests(GarminOAuth1SandboxFactory factory) : IClassFixture<GarminOAuth1SandboxFactory>
{
    [Fact]
    public async Task Link_OAuth1ApprovedOnSandbox_StoresSignedTokenPairEncrypted()
    {
        var (userId, runner) = await factory.NewRunnerAsync("oauth1.approve@example.com");

        var consent = await GarminLinkDriver.StartAsync(runner);
        var callback = await GarminLinkDriver.ConsentAsync(runner, consent, login: "oauth1-garmin");
        var message = await GarminLinkDriver.FinishAsync(runner, callback);

        Assert.EndsWith("/sandbox/garmin/oauthConfirm", consent.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("oauth_verifier=", callback.Query, StringComparison.Ordinal);
        Assert.Equal(GarminLinkMessages.Linked, message);
        var link = (await FindLinkAsync(userId))!;
        Assert.Equal(LinkMode.OAuth1, link.Mode);
        Assert.Equal(SandboxAccounts.GarminUserIdFor("oauth1-garmin"), link.GarminUserId);
        Assert.NotNull(link.ProtectedTokenSecret);
        Assert.Null(link.ProtectedRefreshToken);
        var credentials = await Tokens.GetCredentialsAsync(link.Id);
        Assert.Equal(link.GarminUserId, await Client.GetUserIdAsync(credentials));
    }

    [Fact]
    public async Task Connect_RequestToken500_ReturnsToPageWithMessage()
    {
        var (userId, runner) = await factory.NewRunnerAsync("oauth1.start-outage@example.com");
        factory.SandboxFaults.FailNext(SandboxOperations.RequestToken, 500);

        var location = await GarminLinkDriver.StartAsync(runner);

        Assert.Equal("/garmin?message=" + GarminLinkMessages.GarminUnavailable, location.OriginalString);
        Assert.Null(await FindLinkAsync(userId));
    }

    [Fact]
    public async Task Callback_OAuth1Replayed_IsRejected()
    {
        var (_, runner) = await factory.NewRunnerAsync("oauth1.replay@example.com");
        var callback = await GarminLinkDriver.ConsentAsync(runner, await GarminLinkDriver.StartAsync(runner));
        Assert.Equal(GarminLinkMessages.Linked, await GarminLinkDriver.FinishAsync(runner, callback));

        var message = await GarminLinkDriver.FinishAsync(runner, callback);

        Assert.Equal(GarminLinkMessages.Replayed, message);
    }

    [Fact]
    public async Task Callback_OAuth1Denied_ShowsDenied()
    {
        var (userId, runner) = await factory.NewRunnerAsync("oauth1.deny@example.com");
        var callback = await GarminLinkDriver.ConsentAsync(runner, await GarminLinkDriver.StartAsync(runner), approve: false);

        var message = await GarminLinkDriver.FinishAsync(runner, callback);

        Assert.Contains("oauth_verifier=NULL", callback.Query, StringComparison.Ordinal);
        Assert.Equal(GarminLinkMessages.Denied, message);
        Assert.Null(await FindLinkAsync(userId));
    }

    [Fact]
    public async Task Callback_OAuth1AccessToken503_LeavesNothingHalfLinked()
    {
        var (userId, runner) = await factory.NewRunnerAsync("oauth1.outage@example.com");
        var callback = await GarminLinkDriver.ConsentAsync(runner, await GarminLinkDriver.StartAsync(runner));
        factory.SandboxFaults.FailNext(SandboxOperations.AccessToken, 503);

        var message = await GarminLinkDriver.FinishAsync(runner, callback);

        Assert.Equal(GarminLinkMessages.GarminUnavailable, message);
        Assert.Null(await FindLinkAsync(userId));
    }

    [Fact]
    public async Task Callback_OAuth1StateOfAnotherUser_IsRejected()
    {
        var (_, alice) = await factory.NewRunnerAsync("oauth1.alice@example.com");
        var (bobId, bob) = await factory.NewRunnerAsync("oauth1.bob@example.com");
        var aliceCallback = await GarminLinkDriver.ConsentAsync(alice, await GarminLinkDriver.StartAsync(alice));

        var message = await GarminLinkDriver.FinishAsync(bob, aliceCallback);

        Assert.Equal(GarminLinkMessages.WrongUser, message);
        Assert.Null(await FindLinkAsync(bobId));
    }

    [Fact]
    public async Task MigrationJob_ActiveOAuth1Link_ExchangesForOAuth2TokensAndRecordsOutcome()
    {
        var (userId, runner) = await factory.NewRunnerAsync("oauth1.migrate@example.com");
        await GarminLinkDriver.LinkAsync(runner, login: "migrate-garmin");
        var job = factory.Services.GetRequiredService<GarminOAuth1MigrationJob>();

        var outcomes = await job.RunAsync(CancellationToken.None);

        var outcome = Assert.Single(outcomes, o => o.UserId == userId);
        Assert.True(outcome.Migrated);
        var link = (await FindLinkAsync(userId))!;
        Assert.Equal(LinkMode.OAuth2, link.Mode);
        Assert.Null(link.ProtectedTokenSecret);
        Assert.NotNull(link.ProtectedRefreshToken);
        Assert.Equal("Exchanged for OAuth 2.0 tokens.", link.MigrationNote);
        var credentials = await Tokens.GetCredentialsAsync(link.Id);
        Assert.IsType<GarminBearerCredentials>(credentials);
        Assert.Equal(link.GarminUserId, await Client.GetUserIdAsync(credentials));
        Assert.DoesNotContain(await job.RunAsync(CancellationToken.None), o => o.UserId == userId);
    }

    [Fact]
    public async Task IntegrationPage_AfterMigration_ShowsOutcomePerRunner()
    {
        var (_, runner) = await factory.NewRunnerAsync("oauth1.report@example.com");
        await GarminLinkDriver.LinkAsync(runner, login: "report-garmin");
        await factory.Services.GetRequiredService<GarminOAuth1MigrationJob>().RunAsync(CancellationToken.None);
        using var admin = await factory.SignInAsync(DemoLogins.Admin, DemoLogins.AdminPassword);

        var html = await admin.GetStringAsync("/admin/integration");

        var row = html[html.IndexOf("oauth1.report@example.com", StringComparison.Ordinal)..];
        Assert.Contains(SandboxAccounts.GarminUserIdFor("report-garmin"), row[..600], StringComparison.Ordinal);
        Assert.Contains("Exchanged for OAuth 2.0 tokens.", row[..600], StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrationJob_RevokedAtGarmin_MarksLinkBroken()
    {
        var (userId, runner) = await factory.NewRunnerAsync("oauth1.migrate-revoked@example.com");
        await GarminLinkDriver.LinkAsync(runner, login: "migrate-revoked-garmin");
        factory.SandboxAccounts.Deregister(SandboxAccounts.GarminUserIdFor("migrate-revoked-garmin"));

        var outcomes = await factory.Services.GetRequiredService<GarminOAuth1MigrationJob>().RunAsync(CancellationToken.None);

        Assert.False(Assert.Single(outcomes, o => o.UserId == userId).Migrated);
        var link = (await FindLinkAsync(userId))!;
        Assert.Equal(GarminLinkStatus.Broken, link.Status);
        Assert.Contains("reconnect", link.MigrationNote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disconnect_OAuth1Link_SendsDeregistrationWithUserAccessToken()
    {
        var (userId, runner) = await factory.NewRunnerAsync("oauth1.disconnect@example.com");
        await GarminLinkDriver.LinkAsync(runner, login: "oauth1-disconnect-garmin");
        var token = Protector.Unprotect((await FindLinkAsync(userId))!.ProtectedAccessToken!);

        var message = await GarminLinkDriver.DisconnectAsync(runner);

        Assert.Equal(GarminLinkMessages.Disconnected, message);
        Assert.Null(factory.SandboxOAuth1.ResolveOAuth1Token(token));
        await Poll.UntilAsync(() => factory.Pushes.Any(p => p.Body.Contains(token, StringComparison.Ordinal)), "the deregistration push with the token");

        var push = Assert.Single(factory.Pushes, p => p.Body.Contains(token, StringComparison.Ordinal));
        Assert.Equal($"/webhooks/garmin/{CoopahWebApplicationFactory.WebhookSecret}/deregistrations", push.Path);
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
