using Coopah.Core.Plans.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace Coopah.Web.Tests.Core.Plans;

public sealed class LocalDateTests
{
    [Theory]
    [InlineData("2028-02-28T23:30:00Z", 0, "2028-02-28")]
    [InlineData("2028-02-28T23:30:00Z", 1, "2028-02-29")]
    [InlineData("2028-03-01T00:30:00Z", -1, "2028-02-29")]
    public void Today_UtcInstantAndOffset_ReturnsLocalDate(string utc, int offsetHours, string expected)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));
        var zone = TimeZoneInfo.CreateCustomTimeZone("test", TimeSpan.FromHours(offsetHours), "test", "test");

        var today = LocalDate.Today(time, zone);

        Assert.Equal(SchedulingTestData.D(expected), today);
    }
}
