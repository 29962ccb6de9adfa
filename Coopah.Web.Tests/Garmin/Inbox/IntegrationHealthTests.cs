using System.Net;
using System.Text;
using Coopah.Web.Data;
using Coopah.Web.Garmin.Inbox;
using Coopah.Web.Tests.Infrastructure;
using Coopah.Web.Tests.TestObjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Garmin.Inbox;

public sealed class IntegrationHealthTests : IAsyncLifetime
{
    private readonly WebhookFactory _factory = new();

    public Task InitializeAsync() => _factory.EnsureLinksAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Report_NoTraffic_ChecklistIsRedWithReasons()
    {
        var report = await ReportAsync();

        Assert.All(report.Endpoints, e => Assert.Equal(0, e.Received));
        var endpoints = report.Checklist.Single(c => c.Requirement.StartsWith("At least 3 endpoints", StringComparison.Ordinal));
        Assert.False(endpoints.Passed);
        Assert.Contains("0 endpoint(s)", endpoints.Reason, StringComparison.Ordinal);
        Assert.False(report.Checklist.Single(c => c.Requirement.StartsWith("Data from at least 2 users", StringComparison.Ordinal)).Passed);
    }

    [Fact]
    public async Task Report_ThreeEndpointsTwoUsersEachNoErrors_ChecklistIsGreen()
    {
        string[] users = [WebhookFactory.CaraGarminId, WebhookFactory.DanGarminId];
        await PushAsync("activities", GarminPayloads.Activities(users.Select((u, i) => GarminPayloads.Summary(u, $"green-{i}")).ToArray()));
        await PushAsync("manuallyUpdatedActivities", GarminPayloads.ManuallyUpdated(users.Select((u, i) => GarminPayloads.Summary(u, $"green-m-{i}")).ToArray()));
        await PushAsync("userPermissionsChange", "{\"userPermissionsChange\":[" + string.Join(',', users.Select(u => GarminPayloads.PermissionsChange(u, "ACTIVITY_EXPORT", "WORKOUT_IMPORT")[26..^2])) + "]}");
        await PushAsync("deregistrations", GarminPayloads.Deregistrations("unknown-a", "unknown-b"));

        await Poll.UntilAsync(
            () => _factory.QueryAsync(async db => string.Join(";", await db.GarminInbox.Select(m => $"{m.Id}:{m.Status}:{m.Attempts}:{m.LeaseUntilUtc}:{m.LastError}").ToListAsync())),
            rows => !rows.Contains(":Pending:", StringComparison.Ordinal));
        var report = await ReportAsync();

        Assert.All(report.Checklist, c => Assert.True(c.Passed, $"{c.Requirement}: {c.Reason}"));
        var activities = report.Endpoints.Single(e => e.Type == "activities");
        Assert.Equal(1, activities.Received);
        Assert.Equal(2, activities.DistinctUsers);
    }

    [Fact]
    public async Task Report_ParkedItem_FailsNoErrorsItemAndReprocessParksItAgain()
    {
        var body = """{"activities":[{"userId":"garmin-user-cara","summaryId":"bad-1","durationInSeconds":{"oops":true}}]}""";
        await PushAsync("activities", body);
        var processed = await _factory.WaitForInboxAsync(m => m.Status == InboxStatus.Processed);

        var report = await ReportAsync();
        await using var scope = _factory.Services.CreateAsyncScope();
        var reprocessed = await scope.ServiceProvider.GetRequiredService<IntegrationHealth>().ReprocessAsync(processed.Id);

        var noErrors = report.Checklist.Single(c => c.Requirement == "No notification errors");
        Assert.False(noErrors.Passed);
        Assert.Contains("1 item(s) were parked", noErrors.Reason, StringComparison.Ordinal);
        Assert.Equal((0, 1), (report.PoisonRows, report.ParkedItems));
        Assert.True(reprocessed);
        await _factory.WaitForInboxAsync(m => m.Status == InboxStatus.Processed && m.ProcessedAtUtc > processed.ProcessedAtUtc, processed.Id);
        Assert.Equal(1, await _factory.QueryAsync(db => db.GarminParkedItems.CountAsync(p => p.InboxId == processed.Id)));
    }

    [Fact]
    public async Task IntegrationPage_Admin_ShowsStatsAndChecklist()
    {
        using var client = await _factory.SignInAsync(DemoLogins.Admin, DemoLogins.AdminPassword);

        var html = await client.GetStringAsync("/admin/integration");

        Assert.Contains("webhook-stats", html, StringComparison.Ordinal);
        Assert.Contains("No pulls that were not prompted by a ping", html, StringComparison.Ordinal);
    }

    private async Task<IntegrationReport> ReportAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IntegrationHealth>().GetReportAsync();
    }

    private async Task PushAsync(string type, string body)
    {
        using var client = _factory.CreateAnonymous();
        using var response = await client.PostAsync(WebhookFactory.Url(type), new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
