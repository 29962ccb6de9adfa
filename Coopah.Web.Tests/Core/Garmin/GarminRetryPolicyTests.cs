using System.Net;
using Coopah.Core.Garmin;

namespace Coopah.Web.Tests.Core.Garmin;

public sealed class GarminRetryPolicyTests
{
    private static readonly GarminRetryPolicy Policy = new(5, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));

    [Theory]
    [InlineData(1, 0.0, 5)]
    [InlineData(1, 0.999999, 10)]
    [InlineData(2, 0.0, 10)]
    [InlineData(3, 0.5, 30)]
    [InlineData(10, 0.999999, 300)]
    [InlineData(40, 0.0, 150)]
    public void NextDelay_Attempt_GrowsExponentiallyWithJitterAndCap(int attempt, double jitter, int expectedSeconds)
    {
        var delay = Policy.NextDelay(attempt, null, jitter);

        Assert.Equal(expectedSeconds, delay.TotalSeconds, 2);
    }

    [Theory]
    [InlineData(120, 120)]
    [InlineData(1, 5)]
    public void NextDelay_RetryAfter_IsHonouredWhenLonger(int retryAfterSeconds, int expectedSeconds)
    {
        var delay = Policy.NextDelay(1, TimeSpan.FromSeconds(retryAfterSeconds), 0);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), delay);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, 4, true)]
    [InlineData(HttpStatusCode.TooManyRequests, 5, false)]
    [InlineData(HttpStatusCode.BadGateway, 1, true)]
    [InlineData(HttpStatusCode.Unauthorized, 1, false)]
    [InlineData(HttpStatusCode.PreconditionFailed, 1, false)]
    [InlineData(HttpStatusCode.BadRequest, 1, false)]
    public void ShouldRetry_StatusAndAttempt_RetriesOnlyRetryableUpToLimit(HttpStatusCode status, int attempt, bool expected)
    {
        var error = new GarminApiException("x", status);

        Assert.Equal(expected, Policy.ShouldRetry(error, attempt));
    }

    [Fact]
    public void NextDelay_AttemptZero_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Policy.NextDelay(0, null, 0));
    }
}
