using System.Net;
using Coopah.Core.Garmin;
using Coopah.Core.Garmin.Training;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Sandbox;

/// <summary>Evaluation-key quotas: 100 Training API calls per minute for the partner, 200 per day per user.</summary>
public sealed class GarminSandboxQuotaTests(FakeClockSandboxFactory factory) : IClassFixture<FakeClockSandboxFactory>
{
    [Fact]
    public async Task Training_PastPartnerAndUserQuotas_Returns429WithRetryAfter()
    {
        var user = factory.SandboxAccounts.EnsureUser("quota-user");
        var client = new SandboxReadCalls(factory.Services.GetRequiredService<GarminHttpTransport>());
        var credentials = GarminCredentials.Bearer(factory.SandboxOAuth2.IssueOAuth2Tokens(user.GarminUserId).AccessToken!);
        var today = new DateOnly(2026, 12, 1);
        async Task CallAsync() => await client.ListSchedulesAsync(credentials, today, today);

        for (var i = 0; i < GarminTrainingValues.EvaluationRequestsPerPartnerPerMinute; i++)
        {
            await CallAsync();
        }

        var perMinute = await Assert.ThrowsAsync<GarminApiException>(CallAsync);
        factory.Clock.Advance(TimeSpan.FromSeconds(61));
        for (var i = 0; i < GarminTrainingValues.EvaluationRequestsPerUserPerDay - GarminTrainingValues.EvaluationRequestsPerPartnerPerMinute; i++)
        {
            await CallAsync();
        }

        factory.Clock.Advance(TimeSpan.FromSeconds(61));
        var perDay = await Assert.ThrowsAsync<GarminApiException>(CallAsync);
        var otherUser = GarminCredentials.Bearer(factory.SandboxOAuth2.IssueOAuth2Tokens(factory.SandboxAccounts.EnsureUser("quota-other").GarminUserId).AccessToken!);
        await client.ListSchedulesAsync(otherUser, today, today);

        Assert.Equal(HttpStatusCode.TooManyRequests, perMinute.StatusCode);
        Assert.True(perMinute.RetryAfter is { TotalSeconds: > 0 and <= 60 }, $"Retry-After {perMinute.RetryAfter}");
        Assert.Contains("per minute", perMinute.GarminMessage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, perDay.StatusCode);
        Assert.Contains("per day", perDay.GarminMessage, StringComparison.Ordinal);
        Assert.True(perDay.RetryAfter > TimeSpan.FromHours(23), $"Retry-After {perDay.RetryAfter}");
    }
}
