using System.Text;
using Coopah.Web.Data;
using Coopah.Web.Jobs;
using Coopah.Web.Tests.TestObjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Endpoints.Garmin;

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
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoopahDbContext>();
        if (!await db.GarminLinks.AnyAsync(l => l.GarminUserId == FinnGarminId))
        {
            var finn = await db.Users.SingleAsync(u => u.Email == "finn@coopah.local");
            db.GarminLinks.Add(new GarminLink
            {
                UserId = finn.Id,
                GarminUserId = FinnGarminId,
                Status = GarminLinkStatus.Active,
                Permissions = "ACTIVITY_EXPORT",
                ProtectedAccessToken = "protected-token",
                LinkedAtUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
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
    public async Task BadRowInAJob_NeighboursAreProcessed_BadRowIsRetriedAlone()
    {
        // An activity without a summaryId passes intake's scan but cannot be stored.
        const string noSummaryId = """{"activities":[{"userId":"garmin-user-cara","activityType":"RUNNING"}]}""";
        var ids = await AddRowsAsync(
            ("activities", GarminPayloads.Activities(GarminPayloads.Summary(WebhookFactory.CaraGarminId, "batch-good-1"))),
            ("activities", noSummaryId),
            ("activities", GarminPayloads.Activities(GarminPayloads.Summary(WebhookFactory.DanGarminId, "batch-good-2"))));

        await RunJobAsync(ids);

        var rows = await RowsAsync(ids);
        Assert.Equal(InboxStatus.Processed, rows[0].Status);
        Assert.Equal(InboxStatus.Processed, rows[2].Status);
        Assert.Equal(InboxStatus.Pending, rows[1].Status);
        Assert.Equal(1, rows[1].Attempts);
        Assert.Contains("summaryId", rows[1].LastError, StringComparison.Ordinal);
        Assert.Equal(2, await factory.QueryAsync(db => db.GarminActivities.CountAsync(a => a.SummaryId.StartsWith("batch-good-"))));

        // The factory allows two attempts: the retry parks it as poison, with its payload kept for an admin.
        var poisoned = await factory.WaitForInboxAsync(m => m.Status == InboxStatus.Poison, ids[1]);
        Assert.Equal(2, poisoned.Attempts);
        Assert.Equal(noSummaryId, Encoding.UTF8.GetString(poisoned.Body));
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
