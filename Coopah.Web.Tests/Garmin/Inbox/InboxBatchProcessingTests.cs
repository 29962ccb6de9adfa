using System.Net;
using System.Text;
using Coopah.Web.Data;
using Coopah.Web.Garmin.Inbox;
using Coopah.Web.Tests.TestObjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Garmin.Inbox;

/// <summary>
/// One processing job for many inbox rows (how a burst is processed): the rows share one transaction, yet keep
/// per-row outcomes, inbox order, and isolation from a bad neighbour. Rows are written straight to the inbox and
/// the job is run directly, so each test decides exactly what one job sees.
/// </summary>
public sealed class InboxBatchProcessingTests(WebhookFactory factory) : IClassFixture<WebhookFactory>, IAsyncLifetime
{
    private const string FinnGarminId = "garmin-user-finn-batch";

    public async Task InitializeAsync()
    {
        await factory.EnsureLinksAsync();
        if (!await factory.QueryAsync(db => db.GarminLinks.AnyAsync(l => l.GarminUserId == FinnGarminId)))
        {
            // Garmin answers 401 to this token (no user/id answer is set): a deregistration revokes the link.
            await factory.AddOAuth2LinkAsync("finn-batch@coopah.test", FinnGarminId, "finn-batch-token");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ManyRows_OneJob_EachRowProcessedWithItsOwnOutcome()
    {
        var ids = await AddRowsAsync(
            ("activities", GarminPayloads.Activities(GarminPayloads.Summary(WebhookFactory.CaraGarminId, "many-a"))),
            ("activities", GarminPayloads.Activities(GarminPayloads.Summary(WebhookFactory.DanGarminId, "many-b"), GarminPayloads.Summary("garmin-user-nobody", "many-x"))),
            ("activities", GarminPayloads.Activities(GarminPayloads.Summary(WebhookFactory.EveGarminId, "many-revoked"))));

        await RunJobAsync(ids);

        var rows = await RowsAsync(ids);
        Assert.All(rows, r => Assert.Equal(InboxStatus.Processed, r.Status));
        Assert.All(rows, r => Assert.Equal(1, r.Attempts));
        Assert.All(rows, r => Assert.Null(r.LeaseUntilUtc));
        Assert.Equal([0, 1, 1], rows.Select(r => r.IgnoredItemCount));
        var stored = await factory.QueryAsync(db => db.GarminActivities.Where(a => a.SummaryId.StartsWith("many-")).Select(a => a.SummaryId).ToListAsync());
        Assert.Equal(["many-a", "many-b"], stored.Order());
    }

    [Fact]
    public async Task SameSummaryTwiceInOneJob_LaterRowWins_WhateverOrderTheIdsCome()
    {
        var ids = await AddRowsAsync(
            ("activities", GarminPayloads.Activities(GarminPayloads.Summary(WebhookFactory.CaraGarminId, "batch-resent", durationSeconds: 1000))),
            ("activities", GarminPayloads.Activities(GarminPayloads.Summary(WebhookFactory.CaraGarminId, "batch-resent", durationSeconds: 2000))));

        await RunJobAsync([.. ids.Reverse()]);

        var activity = await factory.QueryAsync(db => db.GarminActivities.SingleAsync(a => a.SummaryId == "batch-resent"));
        Assert.Equal(2000, activity.DurationSeconds);
        Assert.Equal(ids[1], activity.SourceInboxId);
    }

    [Fact]
    public async Task BadItemsInAJob_AreParkedAlone_EveryRowAndGoodItemIsProcessedInTheSharedTransaction()
    {
        // Issue 15: an activity without a summaryId (or out of range) used to fail its row, retry, and end as poison.
        const string noSummaryId = """{"activities":[{"userId":"garmin-user-cara","activityType":"RUNNING"}]}""";
        var ids = await AddRowsAsync(
            ("activities", GarminPayloads.Activities(GarminPayloads.Summary(WebhookFactory.CaraGarminId, "batch-good-1"))),
            ("activities", noSummaryId),
            ("activities", GarminPayloads.Activities(
                """{"userId":"garmin-user-dan","summaryId":"batch-bad-3","startTimeInSeconds":99999999999999}""",
                GarminPayloads.Summary(WebhookFactory.DanGarminId, "batch-good-2"))));

        await RunJobAsync(ids);

        var rows = await RowsAsync(ids);
        Assert.All(rows, r => Assert.Equal((InboxStatus.Processed, 1, (string?)null), (r.Status, r.Attempts, r.LastError)));
        Assert.Equal(2, await factory.QueryAsync(db => db.GarminActivities.CountAsync(a => a.SummaryId.StartsWith("batch-good-"))));
        Assert.False(await factory.QueryAsync(db => db.GarminActivities.AnyAsync(a => a.SummaryId == "batch-bad-3")));
        var parked = await factory.QueryAsync(db => db.GarminParkedItems.Where(p => ids.Contains(p.InboxId)).OrderBy(p => p.InboxId).ToListAsync());
        Assert.Equal([(ids[1], 0, (string?)null), (ids[2], 0, "batch-bad-3")], parked.Select(p => (p.InboxId, p.ItemIndex, p.SummaryId)));
        Assert.Contains("summaryId", parked[0].Reason, StringComparison.Ordinal);
        Assert.Contains("startTimeInSeconds", parked[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeregistrationThenActivityInOneJob_ActivityIsIgnored()
    {
        var ids = await AddRowsAsync(
            ("deregistrations", GarminPayloads.Deregistrations(FinnGarminId)),
            ("activities", GarminPayloads.Activities(GarminPayloads.Summary(FinnGarminId, "batch-after-dereg"))));

        await RunJobAsync(ids);

        var rows = await RowsAsync(ids);
        Assert.All(rows, r => Assert.Equal(InboxStatus.Processed, r.Status));
        Assert.Equal(1, rows[1].IgnoredItemCount);
        Assert.Equal(GarminLinkStatus.Revoked, await factory.QueryAsync(db => db.GarminLinks.Where(l => l.GarminUserId == FinnGarminId).Select(l => l.Status).SingleAsync()));
        Assert.False(await factory.QueryAsync(db => db.GarminActivities.AnyAsync(a => a.SummaryId == "batch-after-dereg")));
    }

    [Fact]
    public async Task ActivityAfterARealDeregistrationInABatch_IsIgnored_RowsBeforeItStillStored()
    {
        await factory.AddOAuth2LinkAsync("order-batch@coopah.test", "garmin-user-order-batch", "order-batch-token");
        var ids = await AddRowsAsync(
            ("activities", GarminPayloads.Activities(GarminPayloads.Summary(WebhookFactory.CaraGarminId, "order-a"))),
            ("activities", GarminPayloads.Activities(GarminPayloads.Summary("garmin-user-order-batch", "order-before"))),
            ("deregistrations", GarminPayloads.Deregistrations("garmin-user-order-batch")),
            ("activities", GarminPayloads.Activities(GarminPayloads.Summary("garmin-user-order-batch", "order-after"))),
            ("activities", GarminPayloads.Activities(GarminPayloads.Summary(WebhookFactory.DanGarminId, "order-b"))));

        await RunJobAsync(ids);

        var rows = await RowsAsync(ids);
        Assert.All(rows, r => Assert.Equal(InboxStatus.Processed, r.Status));
        Assert.Equal([0, 0, 0, 1, 0], rows.Select(r => r.IgnoredItemCount));
        var stored = await factory.QueryAsync(db => db.GarminActivities.Where(a => a.SummaryId.StartsWith("order-")).Select(a => a.SummaryId).ToListAsync());
        Assert.Equal(["order-a", "order-b", "order-before"], stored.Order());
    }

    [Fact]
    public async Task DeregistrationsAmongActivityRows_AreCheckedRowByRow_ActivitiesStillProcessedTogether()
    {
        await factory.AddOAuth2LinkAsync("gone-batch@coopah.test", "garmin-user-gone-batch", "gone-batch-token");
        await factory.AddOAuth2LinkAsync("back-batch@coopah.test", "garmin-user-back-batch", "back-batch-token");
        factory.AnswerUserId("back-batch-token", "garmin-user-back-batch");
        var ids = await AddRowsAsync(
            ("activities", GarminPayloads.Activities(GarminPayloads.Summary(WebhookFactory.CaraGarminId, "mixed-a"))),
            ("deregistrations", GarminPayloads.Deregistrations("garmin-user-gone-batch")),
            ("activities", GarminPayloads.Activities(GarminPayloads.Summary(WebhookFactory.DanGarminId, "mixed-b"))),
            ("deregistrations", GarminPayloads.Deregistrations("garmin-user-back-batch")),
            ("activities", GarminPayloads.Activities(GarminPayloads.Summary("garmin-user-back-batch", "mixed-c"))));

        await RunJobAsync(ids);

        var rows = await RowsAsync(ids);
        Assert.All(rows, r => Assert.Equal(InboxStatus.Processed, r.Status));
        Assert.All(rows, r => Assert.Equal(1, r.Attempts));
        Assert.Equal([0, 0, 0, 1, 0], rows.Select(r => r.IgnoredItemCount));
        Assert.Contains("older grant", rows[3].Warnings, StringComparison.Ordinal);
        var statuses = await factory.QueryAsync(db => db.GarminLinks.Where(l => l.GarminUserId.EndsWith("-batch")).ToDictionaryAsync(l => l.GarminUserId, l => l.Status));
        Assert.Equal(GarminLinkStatus.Revoked, statuses["garmin-user-gone-batch"]);
        Assert.Equal(GarminLinkStatus.Active, statuses["garmin-user-back-batch"]);
        var stored = await factory.QueryAsync(db => db.GarminActivities.Where(a => a.SummaryId.StartsWith("mixed-")).Select(a => a.SummaryId).ToListAsync());
        Assert.Equal(["mixed-a", "mixed-b", "mixed-c"], stored.Order());
    }

    [Fact]
    public async Task Deregistration_GarminUnavailable_RowStaysPendingIsRetriedThenParkedAsPoison()
    {
        await factory.AddOAuth2LinkAsync("down-batch@coopah.test", "garmin-user-down-batch", "down-batch-token");
        factory.AnswerUserId("down-batch-token", () => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        var ids = await AddRowsAsync(
            ("deregistrations", GarminPayloads.Deregistrations("garmin-user-down-batch")),
            ("activities", GarminPayloads.Activities(GarminPayloads.Summary(WebhookFactory.CaraGarminId, "down-neighbour"))));

        await RunJobAsync(ids);

        var rows = await RowsAsync(ids);
        Assert.Equal(InboxStatus.Pending, rows[0].Status);
        Assert.Equal(1, rows[0].Attempts);
        Assert.Contains("503", rows[0].LastError, StringComparison.Ordinal);
        Assert.Equal(InboxStatus.Processed, rows[1].Status);

        // The factory allows two attempts: the scheduled retry meets the same outage and parks the row.
        var poisoned = await factory.WaitForInboxAsync(m => m.Status == InboxStatus.Poison, ids[0]);
        Assert.Equal(2, poisoned.Attempts);
        Assert.Equal(GarminLinkStatus.Active, await factory.QueryAsync(db => db.GarminLinks.Where(l => l.GarminUserId == "garmin-user-down-batch").Select(l => l.Status).SingleAsync()));
    }

    [Fact]
    public async Task ApplyPushes_RowWithADeregistration_IsRefusedWithoutAnyChange()
    {
        // Behind an activity, so the refusal cannot depend on where the deregistration sits in the row.
        var body = Encoding.UTF8.GetBytes($$"""{"activities":[{"userId":"{{WebhookFactory.CaraGarminId}}","summaryId":"refused-1"}],"deregistrations":[{"userId":"{{FinnGarminId}}"}]}""");
        GarminInboxMessage[] rows = [new() { Id = 9_000_001, Type = "deregistrations", Body = body, BodyLength = body.Length }];
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoopahDbContext>();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            scope.ServiceProvider.GetRequiredService<GarminNotificationIngestor>().ApplyPushesAsync(db, rows, CancellationToken.None));

        Assert.False(db.ChangeTracker.HasChanges());
    }

    [Fact]
    public async Task ConcurrentJobsForTheSameRows_EachRowIsProcessedOnce()
    {
        var bodies = Enumerable.Range(0, 40)
            .Select(i => ("activities", GarminPayloads.Activities(GarminPayloads.Summary(i % 2 == 0 ? WebhookFactory.CaraGarminId : WebhookFactory.DanGarminId, $"batch-race-{i % 10}", durationSeconds: 1000 + i))))
            .ToArray();
        var ids = await AddRowsAsync(bodies);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => RunJobAsync(ids))));

        var rows = await RowsAsync(ids);
        Assert.All(rows, r => Assert.Equal(InboxStatus.Processed, r.Status));
        Assert.All(rows, r => Assert.Equal(1, r.Attempts));
        var activities = await factory.QueryAsync(db => db.GarminActivities.Where(a => a.SummaryId.StartsWith("batch-race-")).ToListAsync());
        Assert.Equal(10, activities.Count);

        // Latest wins per summary: summary k was last sent by row 30 + k.
        Assert.All(activities, a => Assert.Equal(1030 + int.Parse(a.SummaryId["batch-race-".Length..], System.Globalization.CultureInfo.InvariantCulture), a.DurationSeconds));
    }

    [Fact]
    public async Task ProcessedRow_RunAgain_IsLeftAlone()
    {
        var ids = await AddRowsAsync(
            ("activities", GarminPayloads.Activities(GarminPayloads.Summary(WebhookFactory.CaraGarminId, "batch-once-1"))),
            ("activities", GarminPayloads.Activities(GarminPayloads.Summary(WebhookFactory.CaraGarminId, "batch-once-2"))));
        await RunJobAsync(ids);
        var first = await RowsAsync(ids);

        await RunJobAsync(ids);

        var again = await RowsAsync(ids);
        Assert.Equal(first.Select(r => (r.Attempts, r.ProcessedAtUtc)), again.Select(r => (r.Attempts, r.ProcessedAtUtc)));
    }

    [Fact]
    public async Task TooManyRowsForOneJob_IsRefused()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var job = scope.ServiceProvider.GetRequiredService<ProcessGarminInboxJob>();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            job.RunAsync([.. Enumerable.Range(1, ProcessGarminInboxJob.MaxRowsPerJob + 1).Select(i => (long)i)], CancellationToken.None));
    }

    /// <summary>Pending rows as the intake writes them, but with no job enqueued: the test runs the job.</summary>
    private async Task<long[]> AddRowsAsync(params (string Type, string Body)[] rows)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoopahDbContext>();
        var messages = rows.Select(r =>
        {
            var body = Encoding.UTF8.GetBytes(r.Body);
            return new GarminInboxMessage
            {
                Type = r.Type,
                Body = body,
                BodyLength = body.Length,
                ReceivedAtUtc = DateTime.UtcNow,
                Status = InboxStatus.Pending,
                ItemCount = 1,
            };
        }).ToList();
        foreach (var message in messages)
        {
            // One insert each, so ids follow the order given (inbox order).
            db.GarminInbox.Add(message);
            await db.SaveChangesAsync();
        }

        return [.. messages.Select(m => m.Id)];
    }

    private async Task RunJobAsync(long[] ids)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ProcessGarminInboxJob>().RunAsync(ids, CancellationToken.None);
    }

    private Task<List<GarminInboxMessage>> RowsAsync(long[] ids) =>
        factory.QueryAsync(db => db.GarminInbox.AsNoTracking().Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync());
}
