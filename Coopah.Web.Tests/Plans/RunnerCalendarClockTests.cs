using Coopah.Core.Plans;
using Coopah.Web.Data;
using Coopah.Web.Plans;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Coopah.Web.Tests.Plans;

/// <summary>The host with a fake clock: 2026-03-01 11:00 UTC, already 2 March in Kiritimati (UTC+14).</summary>
public sealed class FakeClockWebApplicationFactory : CoopahWebApplicationFactory
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 11, 0, 0, TimeSpan.Zero));

    protected override void ConfigureTestServices(IServiceCollection services) => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
}

public sealed class RunnerCalendarClockTests(FakeClockWebApplicationFactory factory) : IClassFixture<FakeClockWebApplicationFactory>
{
    private RunnerCalendar Calendar => factory.Services.GetRequiredService<RunnerCalendar>();

    [Fact]
    public async Task Today_NoGoal_IsUtcDate()
    {
        var runner = await NewRunnerAsync();

        Assert.Equal(new DateOnly(2026, 3, 1), await Calendar.TodayAsync(runner));
    }

    [Fact]
    public async Task SetGoal_WithTimeZoneAhead_PlansFromLocalToday()
    {
        var runner = await NewRunnerAsync();

        var result = await Calendar.SetGoalAsync(runner, Goal("Pacific/Kiritimati"));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(new DateOnly(2026, 3, 2), await Calendar.TodayAsync(runner));
        var sessions = await Calendar.GetSessionsAsync(runner, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        Assert.Equal(new DateOnly(2026, 3, 2), sessions.Min(s => s.Date));
        Assert.Equal("Pacific/Kiritimati", (await Calendar.GetGoalAsync(runner))!.TimeZoneId);
    }

    [Fact]
    public async Task SetGoal_UnknownTimeZone_FallsBackToUtc()
    {
        var runner = await NewRunnerAsync();

        await Calendar.SetGoalAsync(runner, Goal("Mars/Olympus_Mons"));

        Assert.Equal(new DateOnly(2026, 3, 1), await Calendar.TodayAsync(runner));
    }

    private static GoalInput Goal(string zone) => new()
    {
        Goal = GoalDistance.FiveK,
        Weeks = 6,
        RunDays = [DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday, DayOfWeek.Sunday],
        LongRunDay = DayOfWeek.Sunday,
        PaceSource = PaceSource.GoalTime,
        TimeSeconds = 22 * 60,
        TimeZoneId = zone,
    };

    private async Task<string> NewRunnerAsync()
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"clock-{Guid.NewGuid():N}@example.com";
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, "Runner!2026svc")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, "Runner")).Succeeded);
        return user.Id;
    }
}
