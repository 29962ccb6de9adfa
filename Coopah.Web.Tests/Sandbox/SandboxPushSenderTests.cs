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
        var calls = 0;
        factory.PushResponder = () => Interlocked.Increment(ref calls) <= 2 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK;
        var body = """{"activities":[{"userId":"u-retry","summaryId":"1"}]}"""u8.ToArray();

        var delivery = await sender.SendAsync("activities", body);

        Assert.True(delivery.Delivered);
        Assert.Equal(3, delivery.Attempts);
        var pushes = factory.Pushes.Where(p => p.Body.Contains("u-retry", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, pushes.Count);
        Assert.All(pushes, p =>
        {
            Assert.Equal($"/webhooks/garmin/{CoopahWebApplicationFactory.WebhookSecret}/activities", p.Path);
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
        factory.PushResponder = () => HttpStatusCode.Accepted;

        var delivery = await sender.SendAsync("activityDetails", Encoding.UTF8.GetBytes("""{"activityDetails":[]}"""));

        factory.PushResponder = () => HttpStatusCode.OK;
        Assert.False(delivery.Delivered);
        Assert.Equal(202, delivery.LastStatus);
        Assert.Equal(6, delivery.Attempts);
    }

    [Fact]
    public async Task Enqueue_OnHold_HoldsUntilReleasedThenDelivers()
    {
        var sender = factory.Services.GetRequiredService<SandboxPushSender>();
        factory.PushResponder = () => HttpStatusCode.OK;
        sender.OnHold = true;

        sender.Enqueue("deregistrations", Encoding.UTF8.GetBytes("{\"deregistrations\":[{\"userId\":\"u-held\"}]}"));

        // Enqueue decides synchronously: held, not handed to the background sender.
        Assert.Equal(1, sender.HeldCount);
        Assert.DoesNotContain(factory.Pushes, p => p.Body.Contains("u-held", StringComparison.Ordinal));
        sender.OnHold = false;

        await Poll.UntilAsync(() => factory.Pushes.Any(p => p.Body.Contains("u-held", StringComparison.Ordinal)), "the held push to be delivered");
        Assert.Equal(0, sender.HeldCount);
    }

    [Fact]
    public async Task Enqueue_Disabled_DropsNotification()
    {
        var sender = factory.Services.GetRequiredService<SandboxPushSender>();
        sender.Enabled = false;

        sender.Enqueue("activities", Encoding.UTF8.GetBytes("{\"activities\":[{\"userId\":\"u-dropped\"}]}"));
        sender.Enabled = true;

        // The queue is delivered in order: once a later marker has arrived, the dropped one would have too.
        factory.PushResponder = () => HttpStatusCode.OK;
        sender.Enqueue("activities", Encoding.UTF8.GetBytes("{\"activities\":[{\"userId\":\"u-after-drop\"}]}"));
        await Poll.UntilAsync(() => factory.Pushes.Any(p => p.Body.Contains("u-after-drop", StringComparison.Ordinal)), "the marker push after the drop");

        Assert.DoesNotContain(factory.Pushes, p => p.Body.Contains("u-dropped", StringComparison.Ordinal));
    }
}
