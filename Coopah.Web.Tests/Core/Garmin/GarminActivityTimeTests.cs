using System.Globalization;
using Coopah.Core.Garmin.Push;

namespace Coopah.Web.Tests.Core.Garmin;

public sealed class GarminActivityTimeTests
{
    [Theory]
    [InlineData("2026-01-01T23:30:00Z", 3600, "2026-01-02")]
    [InlineData("2026-01-01T22:59:59Z", 3600, "2026-01-01")]
    [InlineData("2026-01-01T23:00:00Z", 3600, "2026-01-02")]
    [InlineData("2026-01-02T00:30:00Z", -3600, "2026-01-01")]
    [InlineData("2026-01-02T04:59:59Z", -18000, "2026-01-01")]
    [InlineData("2026-01-02T05:00:00Z", -18000, "2026-01-02")]
    [InlineData("2026-06-30T12:00:00Z", 49500, "2026-07-01")]
    [InlineData("2026-03-01T09:00:00Z", -36000, "2026-02-28")]
    [InlineData("2026-03-14T09:00:00Z", 0, "2026-03-14")]
    public void LocalDate_StartAndOffset_UsesDeviceLocalDateNotUtc(string utcStart, long offset, string expected)
    {
        var start = DateTimeOffset.Parse(utcStart, CultureInfo.InvariantCulture).ToUnixTimeSeconds();

        var date = GarminActivityTime.LocalDate(start, offset);

        Assert.Equal(DateOnly.ParseExact(expected, "yyyy-MM-dd", CultureInfo.InvariantCulture), date);
    }

    [Fact]
    public void LocalStart_NegativeOffset_ReturnsUnspecifiedWallClock()
    {
        var local = GarminActivityTime.LocalStart(1767312000, -18000);

        Assert.Equal(new DateTime(2026, 1, 1, 19, 0, 0), local);
        Assert.Equal(DateTimeKind.Unspecified, local.Kind);
    }

    [Fact]
    public void LocalDate_Summary_UsesOffsetAndHandlesMissingValues()
    {
        var summary = new GarminActivitySummary { StartTimeInSeconds = 1767312000 - 1800, StartTimeOffsetInSeconds = 3600 };

        Assert.Equal(new DateOnly(2026, 1, 2), GarminActivityTime.LocalDate(summary));
        Assert.Equal(new DateOnly(2026, 1, 1), GarminActivityTime.LocalDate(summary with { StartTimeOffsetInSeconds = null }));
        Assert.Null(GarminActivityTime.LocalDate(new GarminActivitySummary()));
    }
}
