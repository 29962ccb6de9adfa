using System.Net;
using Coopah.Web.Tests.Infrastructure;

namespace Coopah.Web.Tests.Plans;

/// <summary>Issue 15, item 10: dates at the ends of DateOnly's range are clamped instead of failing.</summary>
public sealed class CalendarDateRangeTests(CoopahWebApplicationFactory factory) : IClassFixture<CoopahWebApplicationFactory>
{
    [Theory]
    [InlineData("month", "9999-12-31", "December 2199")]
    [InlineData("week", "9999-12-31", "Week of ")]
    [InlineData("month", "0001-01-01", "January 1900")]
    [InlineData("week", "0001-01-01", "Week of ")]
    public async Task Get_OutOfRangeDate_ShowsTheNearestSupportedPeriod(string view, string date, string title)
    {
        using var runner = await factory.SignInAsync(DemoLogins.RunnerEve, DemoLogins.RunnerPassword);

        using var response = await runner.GetAsync($"/calendar?view={view}&date={date}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(title, html, StringComparison.Ordinal);
        Assert.Contains(date.StartsWith("9999", StringComparison.Ordinal) ? "data-testid=\"day-2199-12-31\"" : "data-testid=\"day-1900-01-01\"", html, StringComparison.Ordinal);
    }
}
