using System.Net;
using System.Text;
using Coopah.Web.Sandbox;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Sandbox;

public sealed class SandboxPushSenderTests(GarminSandboxFactory factory) : IClassFixture<GarminSandboxFactory>
{
    [Fact]
    public async Task SendAsync_WebhookFailsTwice_RetriesUntil200WithGarminHeaders()
    {
        var sender = factory.Services.GetRequiredService<SandboxPushSender>();
        factory.PushResponder = attempt => attempt <= 2 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK;
        var body = """{"activities":[{"userId":"u-retry","summaryId":"1"}]}"""u8.ToArray();

        var delivery = await sender.SendAsync("activities", body);

        Assert.True(delivery.Delivered);
        Assert.Equal(3, delivery.Attempts);
        var pushes = factory.Pushes.Where(p => p.Body.Contains("u-retry", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, pushes.Count);
        Assert.All(pushes, p =>
        {
            Assert.Equal("/webhooks/garmin/test-secret/activities", p.Path);
            Assert.Equal("sandbox-client-id", p.Headers["garmin-client-id"]);
            Assert.Equal("Garmin Health API", p.Headers["user-agent"]);
            Assert.StartsWith("application/json", p.Headers["content-type"], StringComparison.Ordinal);
        });
        Assert.Equal(delivery, sender.RecentDeliveries.First(d => d.Attempts == 3));
    }

    [Fact]
    public async Task SendAsync_WebhookAnswers202_IsAFailureAndGivesUpAfterMaxAttempts()
    {
        var sender = factory.Services.GetRequiredService<SandboxPushSender>();
        factory.PushResponder = _ => HttpStatusCode.Accepted;

        var delivery = await sender.SendAsync("activityDetails", Encoding.UTF8.GetBytes("""{"activityDetails":[]}"""));

        factory.PushResponder = _ => HttpStatusCode.OK;
        Assert.False(delivery.Delivered);
        Assert.Equal(202, delivery.LastStatus);
        Assert.Equal(6, delivery.Attempts);
    }
}
