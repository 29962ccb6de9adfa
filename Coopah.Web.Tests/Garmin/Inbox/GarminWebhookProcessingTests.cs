using System.Net;
using System.Text;
using Coopah.Web.Data;
using Coopah.Web.Garmin.Inbox;
using Coopah.Web.Tests.Infrastructure;
using Coopah.Web.Tests.TestObjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Garmin.Inbox;

/// <summary>What the Hangfire job does with acknowledged bodies.</summary>
public sealed class GarminWebhookProcessingTests(WebhookFactory factory) : IClassFixture<WebhookFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => factory.EnsureLinksAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Activities_SeveralUsersInOneBody_UpsertsEachRunnersActivity()
    {
        var body = GarminPayloads.Activities(
            GarminPayloads.Summary(WebhookFactory.CaraGarminId, "multi-cara"),
            GarminPayloads.Summary(WebhookFactory.DanGarminId, "multi-dan"));

        var message = await PushAndWaitAsync("activities", body);

        Assert.Equal(0, message.IgnoredItemCount);
        var activities = await factory.QueryAsync(db => db.GarminActivities.Include(a => a.User).Where(a => a.SummaryId.StartsWith("multi-")).ToListAsync());
        Assert.Equal(["cara@coopah.local", "dan@coopah.local"], activities.Select(a => a.User!.Email).Order());
        var cara = activities.Single(a => a.SummaryId == "multi-cara");
        Assert.Equal(5400, cara.DistanceMetres);
        Assert.Equal(1800, cara.DurationSeconds);
        Assert.Equal(150, cara.AverageHeartRate);
        Assert.True(cara.NeedsMatching);
    }

    [Theory]
    [InlineData(1767222000, 3600, "2026-01-01")]
    [InlineData(1767222000, -7200, "2025-12-31")]
    [InlineData(1767308399, 0, "2026-01-01")]
    public async Task Activities_LocalDay_IsStartPlusGarminOffsetNotUtc(long start, int offset, string expected)
    {
        var summaryId = $"localday-{start}-{offset}";

        await PushAndWaitAsync("activities", GarminPayloads.Activities(GarminPayloads.Summary(WebhookFactory.CaraGarminId, summaryId, start: start, offset: offset)));

        var activity = await factory.QueryAsync(db => db.GarminActivities.SingleAsync(a => a.SummaryId == summaryId));
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), activity.LocalDate);
    }

    [Fact]
    public async Task Activities_DuplicateDelivery_ProducesOneActivity()
    {
        var body = GarminPayloads.Activities(GarminPayloads.Summary(WebhookFactory.CaraGarminId, "dup-1"));

        await PushAndWaitAsync("activities", body);
        await PushAndWaitAsync("activities", body);

        Assert.Equal(1, await factory.QueryAsync(db => db.GarminActivities.CountAsync(a => a.SummaryId == "dup-1")));
    }

    [Fact]
    public async Task Activities_ResentSummary_LatestDeliveryWins()
    {
        await PushAndWaitAsync("activities", GarminPayloads.Activities(GarminPayloads.Summary(WebhookFactory.CaraGarminId, "resent-1", durationSeconds: 1200, distance: 3000)));

        await PushAndWaitAsync("activities", GarminPayloads.Activities(GarminPayloads.Summary(WebhookFactory.CaraGarminId, "resent-1", durationSeconds: 1800, distance: 5000)));

        var activity = await factory.QueryAsync(db => db.GarminActivities.SingleAsync(a => a.SummaryId == "resent-1"));
        Assert.Equal(1800, activity.DurationSeconds);
        Assert.Equal(5000, activity.DistanceMetres);
    }

    [Fact]
    public async Task Ingest_OlderDeliveryProcessedLate_DoesNotOverwriteNewer()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var ingestor = scope.ServiceProvider.GetRequiredService<GarminNotificationIngestor>();
        var newer = GarminPayloads.Activities(GarminPayloads.Summary(WebhookFactory.CaraGarminId, "order-1", durationSeconds: 2000));
        var older = GarminPayloads.Activities(GarminPayloads.Summary(WebhookFactory.CaraGarminId, "order-1", durationSeconds: 1000));

        await ingestor.IngestAsync(Encoding.UTF8.GetBytes(newer), inboxId: 1_000_002, CancellationToken.None);
        await ingestor.IngestAsync(Encoding.UTF8.GetBytes(older), inboxId: 1_000_001, CancellationToken.None);

        var activity = await factory.QueryAsync(db => db.GarminActivities.SingleAsync(a => a.SummaryId == "order-1"));
        Assert.Equal(2000, activity.DurationSeconds);
    }

    [Fact]
    public async Task Ingest_ConcurrentDeliveriesOfSameSummary_ProduceOneActivity()
    {
        var body = Encoding.UTF8.GetBytes(GarminPayloads.Activities(GarminPayloads.Summary(WebhookFactory.DanGarminId, "race-1")));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<GarminNotificationIngestor>().IngestAsync(body, 2_000_000 + i, CancellationToken.None);
        }));

        Assert.Equal(1, await factory.QueryAsync(db => db.GarminActivities.CountAsync(a => a.SummaryId == "race-1")));
    }

    [Fact]
    public async Task ActivityDetails_Push_StoresSamplesAndLapsForMatching()
    {
        await PushAndWaitAsync("activityDetails", GarminPayloads.Details(WebhookFactory.CaraGarminId, "9001-detail"));

        var detail = await factory.QueryAsync(db => db.GarminActivities.SingleAsync(a => a.SummaryId == "9001-detail"));
        Assert.Equal("activityDetails", detail.SummaryType);
        Assert.Equal(2, detail.SampleCount);
        Assert.Equal(2, detail.LapCount);
        Assert.Contains("\"laps\"", detail.ItemJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManuallyUpdatedActivities_Push_IsKeptAsManual()
    {
        await PushAndWaitAsync("manuallyUpdatedActivities", GarminPayloads.ManuallyUpdated(GarminPayloads.Summary(WebhookFactory.DanGarminId, "manual-1")));

        var activity = await factory.QueryAsync(db => db.GarminActivities.SingleAsync(a => a.SummaryId == "manual-1"));
        Assert.True(activity.Manual);
        Assert.Equal("manuallyUpdatedActivities", activity.SummaryType);
    }

    [Fact]
    public async Task Activities_UnknownAndRevokedUsers_AreAcknowledgedCountedAndNotStored()
    {
        var body = GarminPayloads.Activities(
            GarminPayloads.Summary("never-linked-user", "unknown-1"),
            GarminPayloads.Summary(WebhookFactory.EveGarminId, "revoked-1"),
            GarminPayloads.Summary(WebhookFactory.CaraGarminId, "known-1"));

        var message = await PushAndWaitAsync("activities", body);

        Assert.Equal(2, message.IgnoredItemCount);
        Assert.False(await factory.QueryAsync(db => db.GarminActivities.AnyAsync(a => a.SummaryId == "unknown-1" || a.SummaryId == "revoked-1")));
        Assert.True(await factory.QueryAsync(db => db.GarminActivities.AnyAsync(a => a.SummaryId == "known-1")));
    }

    [Fact]
    public async Task UserPermissionsChange_ReplacesPermissions()
    {
        await PushAndWaitAsync("userPermissionsChange", GarminPayloads.PermissionsChange(WebhookFactory.DanGarminId, "ACTIVITY_EXPORT"));

        var link = await factory.QueryAsync(db => db.GarminLinks.SingleAsync(l => l.GarminUserId == WebhookFactory.DanGarminId));
        Assert.Equal(["ACTIVITY_EXPORT"], link.PermissionList);
        Assert.False(link.HasPermission("WORKOUT_IMPORT"));
    }

    [Fact]
    public async Task Deregistration_TokenRefusedByGarmin_RevokesLinkAndDropsTokens()
    {
        // No user/id answer for this token: Garmin answers 401, as it does once the grant is deregistered.
        var runner = await factory.AddOAuth2LinkAsync("dereg-real@coopah.test", "garmin-user-finn", "finn-token");
        var userIdCalls = factory.Garmin.Requests.Count(r => r.AbsoluteUri == WebhookFactory.UserIdUrl);

        var message = await PushAndWaitAsync("deregistrations", GarminPayloads.Deregistrations("garmin-user-finn"));

        Assert.Equal(InboxStatus.Processed, message.Status);
        Assert.Equal(0, message.IgnoredItemCount);
        Assert.Equal(userIdCalls + 1, factory.Garmin.Requests.Count(r => r.AbsoluteUri == WebhookFactory.UserIdUrl));
        var link = await factory.QueryAsync(db => db.GarminLinks.SingleAsync(l => l.GarminUserId == "garmin-user-finn"));
        Assert.Equal(GarminLinkStatus.Revoked, link.Status);
        Assert.Null(link.ProtectedAccessToken);
        Assert.Null(link.ProtectedRefreshToken);
        Assert.NotNull(link.RevokedAtUtc);
        Assert.True(await factory.QueryAsync(db => db.GarminSyncIntents.AnyAsync(i => i.RunnerId == runner && i.Kind == GarminSyncIntentKind.Unlink)));
    }

    [Fact]
    public async Task Deregistration_CurrentTokenStillResolvesToTheUser_IsAnOlderGrantAndIgnored()
    {
        var runner = await factory.AddOAuth2LinkAsync("dereg-old-grant@coopah.test", "garmin-user-reconnected", "reconnected-token");
        factory.AnswerUserId("reconnected-token", "garmin-user-reconnected");

        var message = await PushAndWaitAsync("deregistrations", GarminPayloads.Deregistrations("garmin-user-reconnected"));

        Assert.Equal(InboxStatus.Processed, message.Status);
        Assert.Equal(1, message.IgnoredItemCount);
        Assert.Contains("older grant", message.Warnings, StringComparison.Ordinal);
        var link = await factory.QueryAsync(db => db.GarminLinks.SingleAsync(l => l.GarminUserId == "garmin-user-reconnected"));
        Assert.Equal(GarminLinkStatus.Active, link.Status);
        Assert.NotNull(link.ProtectedAccessToken);
        Assert.NotNull(link.ProtectedRefreshToken);
        Assert.Null(link.RevokedAtUtc);
        Assert.False(await factory.QueryAsync(db => db.GarminSyncIntents.AnyAsync(i => i.RunnerId == runner && i.Kind == GarminSyncIntentKind.Unlink)));
    }

    [Fact]
    public async Task ActivitiesPing_AllowedCallback_IsFetchedAndApplied()
    {
        const string callback = "https://apis.garmin.com/wellness-api/rest/activities?uploadStartTimeInSeconds=1&uploadEndTimeInSeconds=2&token=pull-1";
        factory.Garmin.RespondOnce(callback, Encoding.UTF8.GetBytes(GarminPayloads.Activities(GarminPayloads.Summary(WebhookFactory.CaraGarminId, "pinged-1"))));

        var message = await PushAndWaitAsync("activities", GarminPayloads.Ping("activities", WebhookFactory.CaraGarminId, callback));

        Assert.Equal(1, message.PullCount);
        Assert.True(await factory.QueryAsync(db => db.GarminActivities.AnyAsync(a => a.SummaryId == "pinged-1")));
    }

    [Theory]
    [InlineData("https://evil.example.com/wellness-api/rest/activities?token=x")]
    [InlineData("https://apis.garmin.com@evil.example.com/wellness-api/rest/activities")]
    [InlineData("http://apis.garmin.com/wellness-api/rest/activities")]
    [InlineData("https://apis.garmin.com/some-other-api/steal")]
    [InlineData("https://127.0.0.1/wellness-api/rest/activities")]
    [InlineData("file:///etc/passwd")]
    public async Task Ping_HostileCallbackUrl_IsNeverFetched(string callback)
    {
        var before = factory.Garmin.Requests.Count;

        var message = await PushAndWaitAsync("activities", GarminPayloads.Ping("activities", WebhookFactory.CaraGarminId, callback));

        Assert.Equal(before, factory.Garmin.Requests.Count);
        Assert.Equal(InboxStatus.Processed, message.Status);
        Assert.Contains("Refused callback URL", message.Warnings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActivityFilesPing_DownloadsOnceAndLaterPingDoesNotRefetch()
    {
        const string callback = "https://apis.garmin.com/wellness-api/rest/activityFile?id=77&token=file-token";
        var fit = new byte[] { 14, 0x20, 0x08, 0x08, 1, 2, 3, 4 };
        factory.Garmin.RespondOnce(callback, fit);

        await PushAndWaitAsync("activityFiles", GarminPayloads.FilePing(WebhookFactory.CaraGarminId, "77-file", callback));
        var second = await PushAndWaitAsync("activityFiles", GarminPayloads.FilePing(WebhookFactory.CaraGarminId, "77-file", callback));

        var file = await factory.QueryAsync(db => db.GarminFiles.SingleAsync(f => f.SummaryId == "77-file"));
        Assert.Equal(fit, file.Content);
        Assert.Equal(1, factory.Garmin.Requests.Count(r => r.AbsoluteUri == callback));
        Assert.Null(second.Warnings);
        Assert.Equal(InboxStatus.Processed, second.Status);
    }

    [Fact]
    public async Task ActivityFilesPing_GoneBeforeWeHaveIt_IsRecordedNotRetried()
    {
        const string callback = "https://apis.garmin.com/wellness-api/rest/activityFile?id=78&token=gone";
        factory.Garmin.Respond(callback, () => new HttpResponseMessage(HttpStatusCode.Gone));

        var message = await PushAndWaitAsync("activityFiles", GarminPayloads.FilePing(WebhookFactory.CaraGarminId, "78-file", callback));

        Assert.Equal(InboxStatus.Processed, message.Status);
        Assert.Equal(1, message.Attempts);
        Assert.Contains("410", message.Warnings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Job_ItemWithAFieldOfTheWrongType_IsParkedWithItsReasonNotRetried()
    {
        // Used to pass the intake scan and fail the typed parse on every retry, until the row was poison.
        var body = """{"activities":[{"userId":"garmin-user-cara","summaryId":"poison-1","durationInSeconds":{"oops":true}}]}""";

        var message = await PushAndWaitAsync("activities", body);

        Assert.Equal((InboxStatus.Processed, 1, (string?)null), (message.Status, message.Attempts, message.LastError));
        Assert.False(await factory.QueryAsync(db => db.GarminActivities.AnyAsync(a => a.SummaryId == "poison-1")));
        var parked = await factory.QueryAsync(db => db.GarminParkedItems.SingleAsync(p => p.InboxId == message.Id));
        Assert.Contains("'durationInSeconds': must be a whole number, not an object", parked.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requeue_PendingRowsLeftByARestart_AreProcessed()
    {
        long id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CoopahDbContext>();
            var body = Encoding.UTF8.GetBytes(GarminPayloads.Activities(GarminPayloads.Summary(WebhookFactory.DanGarminId, "restart-1")));
            var row = new GarminInboxMessage { Type = "activities", Body = body, BodyLength = body.Length, Status = InboxStatus.Pending, ReceivedAtUtc = DateTime.UtcNow };
            db.GarminInbox.Add(row);
            await db.SaveChangesAsync();
            id = row.Id;
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<RequeuePendingInboxJob>().RunAsync(CancellationToken.None) >= 1);
        }

        await factory.WaitForInboxAsync(m => m.Status == InboxStatus.Processed, id);
        Assert.True(await factory.QueryAsync(db => db.GarminActivities.AnyAsync(a => a.SummaryId == "restart-1")));
    }

    [Fact]
    public async Task Requeue_RowLeasedByAKilledProcess_IsReleasedAtStartUpAndProcessed()
    {
        long id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CoopahDbContext>();
            var body = Encoding.UTF8.GetBytes(GarminPayloads.Activities(GarminPayloads.Summary(WebhookFactory.DanGarminId, "killed-mid-row-1")));
            var row = new GarminInboxMessage
            {
                Type = "activities", Body = body, BodyLength = body.Length, Status = InboxStatus.Pending, ReceivedAtUtc = DateTime.UtcNow,
                Attempts = 1, LeaseUntilUtc = DateTime.UtcNow.AddMinutes(10),
            };
            db.GarminInbox.Add(row);
            await db.SaveChangesAsync();
            id = row.Id;
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var requeue = scope.ServiceProvider.GetRequiredService<RequeuePendingInboxJob>();
            Assert.True(await requeue.ReleaseLeasesOfDeadInstancesAsync(CancellationToken.None) >= 1);
            Assert.True(await requeue.RunAsync(CancellationToken.None) >= 1);
        }

        var processed = await factory.WaitForInboxAsync(m => m.Status == InboxStatus.Processed, id);
        Assert.Equal(2, processed.Attempts);
        Assert.Equal(1, await factory.QueryAsync(db => db.GarminActivities.CountAsync(a => a.SummaryId == "killed-mid-row-1")));
    }

    [Fact]
    public async Task ReleaseLeases_TakesOnlyDeadInstancesRows_OnPostgres_AndEveryOtherProcesssRows_OnSqlite()
    {
        var now = DateTime.UtcNow;
        var owners = new[] { "lease-test-alive", "lease-test-dead", null };
        var ids = new List<long>();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CoopahDbContext>();
            db.ClusterInstances.Add(ClusterInstance.Start("lease-test-alive", "other-host", now));
            db.ClusterInstances.Add(ClusterInstance.Start("lease-test-dead", "gone-host", now.AddMinutes(-5)));
            var rows = owners.Select(owner => new GarminInboxMessage
            {
                Type = "activities", Body = "{}"u8.ToArray(), BodyLength = 2, Status = InboxStatus.Pending, ReceivedAtUtc = now,
                Attempts = 1, LeaseUntilUtc = now.AddMinutes(10), LeaseOwner = owner,
            }).ToList();
            db.GarminInbox.AddRange(rows);
            await db.SaveChangesAsync();
            ids.AddRange(rows.Select(r => r.Id));
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RequeuePendingInboxJob>().ReleaseLeasesOfDeadInstancesAsync(CancellationToken.None);
        }

        var stillLeased = await factory.QueryAsync(db => db.GarminInbox.Where(m => ids.Contains(m.Id) && m.LeaseUntilUtc != null).Select(m => m.LeaseOwner).ToListAsync());
        // PostgreSQL: another live instance may be processing its row right now; only a silent instance's rows are freed.
        // SQLite: one host owns the file, so any lease this process did not take belongs to a previous, dead run.
        Assert.Equal(TestDatabase.IsPostgres ? ["lease-test-alive"] : [], stillLeased);
        await factory.QueryAsync(db => db.GarminInbox.Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, InboxStatus.Processed)));
    }

    private async Task<GarminInboxMessage> PushAndWaitAsync(string type, string body, Func<GarminInboxMessage, bool>? done = null)
    {
        using var client = factory.CreateAnonymous();
        using var response = await client.PostAsync(WebhookFactory.Url(type), new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = await factory.QueryAsync(db => db.GarminInbox.MaxAsync(m => m.Id));
        return await factory.WaitForInboxAsync(done ?? (m => m.Status != InboxStatus.Pending), id);
    }
}
