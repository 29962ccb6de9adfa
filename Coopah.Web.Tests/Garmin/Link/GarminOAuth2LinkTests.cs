using System.Net;
using Coopah.Web.Data;
using Coopah.Web.Garmin;
using Coopah.Web.Garmin.Link;
using Coopah.Web.Sandbox;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using LinkMode = Coopah.Core.Garmin.GarminAuthMode;

namespace Coopah.Web.Tests.Garmin.Link;

public sealed class GarminOAuth2LinkTests(GarminSandboxFactory factory) : IClassFixture<GarminSandboxFactory>
{
    [Fact]
    public async Task Link_ApprovedOnSandbox_StoresActiveLinkWithGarminUserIdAndPermissions()
    {
        var (userId, runner) = await factory.NewRunnerAsync("oauth2.approve@example.com");

        var message = await GarminLinkDriver.LinkAsync(runner, login: "approve-garmin", permissions: ["ACTIVITY_EXPORT", "WORKOUT_IMPORT"]);

        Assert.Equal(GarminLinkMessages.Linked, message);
        var link = await FindLinkAsync(userId);
        Assert.NotNull(link);
        Assert.Equal(GarminLinkStatus.Active, link.Status);
        Assert.Equal(LinkMode.OAuth2, link.Mode);
        Assert.Equal(SandboxAccounts.GarminUserIdFor("approve-garmin"), link.GarminUserId);
        Assert.Equal(["ACTIVITY_EXPORT", "WORKOUT_IMPORT"], link.PermissionList.Order().ToArray());
        var accessToken = Protector.Unprotect(link.ProtectedAccessToken!);
        Assert.NotEqual(accessToken, link.ProtectedAccessToken);
        Assert.Equal(link.GarminUserId, factory.SandboxOAuth2.ResolveBearer(accessToken));
        Assert.Empty(await PendingAsync(userId));
    }

    [Fact]
    public async Task LinkPage_AfterLinking_ShowsGarminUserIdAndPermissions()
    {
        var (_, runner) = await factory.NewRunnerAsync("oauth2.page@example.com");
        await GarminLinkDriver.LinkAsync(runner, login: "page-garmin");

        var html = await runner.GetStringAsync("/garmin?message=linked");

        Assert.Contains(SandboxAccounts.GarminUserIdFor("page-garmin"), html, StringComparison.Ordinal);
        Assert.Contains("WORKOUT_IMPORT", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"garmin-disconnect\"", html, StringComparison.Ordinal);
        Assert.Contains("Your Garmin account is linked", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_ThroughPublicHost_SendsBrowserAndCallbackToThatHost()
    {
        var (_, runner) = await factory.NewRunnerAsync("oauth2.host@example.com");
        var form = await PortalClient.ReadFormAsync(runner, "/garmin");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/garmin/connect")
        {
            Content = new FormUrlEncodedContent(form.Where(f => f.Key == "__RequestVerificationToken")),
        };
        request.Headers.Host = "demo.coopah.example:8443";

        using var response = await runner.SendAsync(request);

        var consent = response.Headers.Location!;
        Assert.Equal("http://demo.coopah.example:8443/sandbox/garmin/oauth2Confirm", consent.GetLeftPart(UriPartial.Path));
        Assert.Contains("redirect_uri=http%3A%2F%2Fdemo.coopah.example%3A8443%2Fgarmin%2Foauth2%2Fcallback", consent.Query, StringComparison.Ordinal);
        Assert.Contains("coopah_user=oauth2.host%40example.com", consent.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinkPage_UnknownMessageKey_ShowsNoMessage()
    {
        var (_, runner) = await factory.NewRunnerAsync("oauth2.message@example.com");

        var html = await runner.GetStringAsync("/garmin?message=" + Uri.EscapeDataString("Call 555-0100 for support"));

        Assert.DoesNotContain("555-0100", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"garmin-message\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"garmin-connect\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callback_Replayed_IsRejectedAndLinkUnchanged()
    {
        var (userId, runner) = await factory.NewRunnerAsync("oauth2.replay@example.com");
        var callback = await GarminLinkDriver.ConsentAsync(runner, await GarminLinkDriver.StartAsync(runner));
        Assert.Equal(GarminLinkMessages.Linked, await GarminLinkDriver.FinishAsync(runner, callback));
        var before = await FindLinkAsync(userId);

        var message = await GarminLinkDriver.FinishAsync(runner, callback);

        Assert.Equal(GarminLinkMessages.Replayed, message);
        var after = await FindLinkAsync(userId);
        Assert.Equal(before!.ProtectedAccessToken, after!.ProtectedAccessToken);
        Assert.Equal(GarminLinkStatus.Active, after.Status);
    }

    [Fact]
    public async Task Callback_StateOfAnotherUser_IsRejectedWithoutSpendingIt()
    {
        var (aliceId, alice) = await factory.NewRunnerAsync("oauth2.alice@example.com");
        var (bobId, bob) = await factory.NewRunnerAsync("oauth2.bob@example.com");
        var aliceCallback = await GarminLinkDriver.ConsentAsync(alice, await GarminLinkDriver.StartAsync(alice), login: "alice-garmin");

        var bobMessage = await GarminLinkDriver.FinishAsync(bob, aliceCallback);

        Assert.Equal(GarminLinkMessages.WrongUser, bobMessage);
        Assert.Null(await FindLinkAsync(bobId));
        Assert.Equal(GarminLinkMessages.Linked, await GarminLinkDriver.FinishAsync(alice, aliceCallback));
        Assert.Equal(SandboxAccounts.GarminUserIdFor("alice-garmin"), (await FindLinkAsync(aliceId))!.GarminUserId);
    }

    [Fact]
    public async Task Callback_Denied_ShowsDeniedAndLinksNothing()
    {
        var (userId, runner) = await factory.NewRunnerAsync("oauth2.deny@example.com");
        var callback = await GarminLinkDriver.ConsentAsync(runner, await GarminLinkDriver.StartAsync(runner), approve: false);

        var message = await GarminLinkDriver.FinishAsync(runner, callback);

        Assert.Contains("error=access_denied", callback.Query, StringComparison.Ordinal);
        Assert.Equal(GarminLinkMessages.Denied, message);
        Assert.Null(await FindLinkAsync(userId));
        Assert.Empty(await PendingAsync(userId));
    }

    [Fact]
    public async Task Link_GarminAccountLinkedToAnotherRunner_IsRefused()
    {
        var (firstId, first) = await factory.NewRunnerAsync("oauth2.first@example.com");
        var (secondId, second) = await factory.NewRunnerAsync("oauth2.second@example.com");
        Assert.Equal(GarminLinkMessages.Linked, await GarminLinkDriver.LinkAsync(first, login: "shared-garmin"));

        var message = await GarminLinkDriver.LinkAsync(second, login: "shared-garmin");

        Assert.Equal(GarminLinkMessages.AlreadyLinked, message);
        Assert.Null(await FindLinkAsync(secondId));
        Assert.Equal(GarminLinkStatus.Active, (await FindLinkAsync(firstId))!.Status);
    }

    [Fact]
    public async Task Link_GarminAccountOfDisconnectedRunner_CanBeLinkedByAnother()
    {
        var (_, first) = await factory.NewRunnerAsync("oauth2.leaver@example.com");
        var (secondId, second) = await factory.NewRunnerAsync("oauth2.taker@example.com");
        await GarminLinkDriver.LinkAsync(first, login: "handed-on-garmin");
        Assert.Equal(GarminLinkMessages.Disconnected, await GarminLinkDriver.DisconnectAsync(first));

        var message = await GarminLinkDriver.LinkAsync(second, login: "handed-on-garmin");

        Assert.Equal(GarminLinkMessages.Linked, message);
        Assert.Equal(GarminLinkStatus.Active, (await FindLinkAsync(secondId))!.Status);
    }

    [Fact]
    public async Task TokenExchange_Garmin503_LeavesNothingHalfLinked()
    {
        var (userId, runner) = await factory.NewRunnerAsync("oauth2.outage@example.com");
        var callback = await GarminLinkDriver.ConsentAsync(runner, await GarminLinkDriver.StartAsync(runner));
        factory.SandboxFaults.FailNext(SandboxOperations.Token, 503);

        var message = await GarminLinkDriver.FinishAsync(runner, callback);

        Assert.Equal(GarminLinkMessages.GarminUnavailable, message);
        Assert.Null(await FindLinkAsync(userId));
        Assert.Empty(await PendingAsync(userId));
    }

    [Fact]
    public async Task Link_PermissionsCallFails_LeavesNothingHalfLinked()
    {
        var (userId, runner) = await factory.NewRunnerAsync("oauth2.permfail@example.com");
        var callback = await GarminLinkDriver.ConsentAsync(runner, await GarminLinkDriver.StartAsync(runner));
        factory.SandboxFaults.FailNext(SandboxOperations.Permissions, 500);

        var message = await GarminLinkDriver.FinishAsync(runner, callback);

        Assert.Equal(GarminLinkMessages.GarminUnavailable, message);
        Assert.Null(await FindLinkAsync(userId));
    }

    [Fact]
    public async Task Connect_FormNamingAnotherUser_StartsFlowOnlyForSignedInRunner()
    {
        var (victimId, _) = await factory.NewRunnerAsync("oauth2.victim@example.com");
        var (attackerId, attacker) = await factory.NewRunnerAsync("oauth2.attacker@example.com");

        await GarminLinkDriver.StartAsync(attacker, [new("userId", victimId), new("UserId", victimId)]);

        Assert.Empty(await PendingAsync(victimId));
        Assert.Single(await PendingAsync(attackerId));
    }

    [Fact]
    public async Task Connect_AsCoach_IsForbidden()
    {
        using var coach = await factory.SignInAsync(DemoLogins.CoachAnna, DemoLogins.CoachPassword);
        var form = await PortalClient.ReadFormAsync(coach, "/");

        using var response = await coach.PostAsync("/garmin/connect", new FormUrlEncodedContent(form.Where(f => f.Key == "__RequestVerificationToken")));

        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Connect_WithoutAntiforgeryToken_IsRejected()
    {
        var (userId, runner) = await factory.NewRunnerAsync("oauth2.csrf@example.com");

        using var response = await runner.PostAsync("/garmin/connect", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await PendingAsync(userId));
    }

    [Fact]
    public async Task Disconnect_Linked_DeletesRegistrationRevokesAndDropsTokens()
    {
        var (userId, runner) = await factory.NewRunnerAsync("oauth2.disconnect@example.com");
        await GarminLinkDriver.LinkAsync(runner, login: "disconnect-garmin");
        var accessToken = Protector.Unprotect((await FindLinkAsync(userId))!.ProtectedAccessToken!);

        var message = await GarminLinkDriver.DisconnectAsync(runner);

        Assert.Equal(GarminLinkMessages.Disconnected, message);
        var link = await FindLinkAsync(userId);
        Assert.Equal(GarminLinkStatus.Revoked, link!.Status);
        Assert.Null(link.ProtectedAccessToken);
        Assert.Null(link.ProtectedRefreshToken);
        Assert.Null(factory.SandboxOAuth2.ResolveBearer(accessToken));
        var garminUserId = SandboxAccounts.GarminUserIdFor("disconnect-garmin");
        await Poll.UntilAsync(() => factory.Pushes.Any(p => p.Path.EndsWith("/deregistrations", StringComparison.Ordinal) && p.Body.Contains(garminUserId, StringComparison.Ordinal)), "the deregistration push");
    }

    [Fact]
    public async Task Disconnect_GarminDown_KeepsLinkAndTokens()
    {
        var (userId, runner) = await factory.NewRunnerAsync("oauth2.disconnect-down@example.com");
        await GarminLinkDriver.LinkAsync(runner, login: "disconnect-down-garmin");
        factory.SandboxFaults.FailNext(SandboxOperations.Registration, 503);

        var message = await GarminLinkDriver.DisconnectAsync(runner);

        Assert.Equal(GarminLinkMessages.DisconnectFailed, message);
        var link = await FindLinkAsync(userId);
        Assert.Equal(GarminLinkStatus.Active, link!.Status);
        Assert.NotNull(link.ProtectedAccessToken);
    }

    [Fact]
    public async Task Database_AfterLinking_ContainsNoTokenInClearText()
    {
        var (userId, runner) = await factory.NewRunnerAsync("oauth2.dump@example.com");
        await GarminLinkDriver.LinkAsync(runner, login: "dump-garmin");
        await GarminLinkDriver.StartAsync(runner); // a pending authorization (PKCE verifier) is in the database too
        var link = (await FindLinkAsync(userId))!;
        var secrets = new[] { Protector.Unprotect(link.ProtectedAccessToken!), Protector.Unprotect(link.ProtectedRefreshToken!) }
            .Concat((await PendingAsync(userId)).Select(p => Protector.Unprotect(p.ProtectedSecret)))
            .ToList();

        var dump = await ReadDatabaseFilesAsync();

        Assert.Equal(3, secrets.Count);
        Assert.Contains(link.ProtectedAccessToken!, dump, StringComparison.Ordinal);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, dump, StringComparison.Ordinal);
        }
    }

    private GarminTokenProtector Protector => factory.Services.GetRequiredService<GarminTokenProtector>();

    private async Task<GarminLink?> FindLinkAsync(string userId)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<CoopahDbContext>>().CreateDbContextAsync();
        return await db.GarminLinks.AsNoTracking().SingleOrDefaultAsync(l => l.UserId == userId);
    }

    private async Task<List<GarminPendingAuthorization>> PendingAsync(string userId)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<CoopahDbContext>>().CreateDbContextAsync();
        return await db.GarminPendingAuthorizations.AsNoTracking().Where(p => p.UserId == userId).ToListAsync();
    }

    /// <summary>
    /// The raw bytes of the SQLite file and its write-ahead log, read as text (what a stolen copy would show); on
    /// PostgreSQL, every row of every table as text (what a dump would show).
    /// </summary>
    private async Task<string> ReadDatabaseFilesAsync()
    {
        var text = new System.Text.StringBuilder();
        if (TestDatabase.IsPostgres)
        {
            await using var db = await factory.Services.GetRequiredService<IDbContextFactory<CoopahDbContext>>().CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
            var connection = db.Database.GetDbConnection();
            var tables = new List<string>();
            await using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public'";
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            foreach (var table in tables)
            {
                await using var dump = connection.CreateCommand();
                dump.CommandText = $"SELECT coalesce(string_agg(t::text, ' '), '') FROM {table} t";
                text.Append(await dump.ExecuteScalarAsync());
            }

            return text.ToString();
        }

        foreach (var path in new[] { factory.DatabasePath, factory.DatabasePath + "-wal", factory.DatabasePath + "-journal" })
        {
            if (File.Exists(path))
            {
                await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var memory = new MemoryStream();
                await stream.CopyToAsync(memory);
                text.Append(System.Text.Encoding.Latin1.GetString(memory.ToArray()));
            }
        }

        return text.ToString();
    }
}
