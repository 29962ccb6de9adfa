using Coopah.Core.Garmin.Push;
using Coopah.Core.Plans;

namespace Coopah.Web.Tests.Core.Plans;

public sealed class GoalDistanceTests
{
    [Theory]
    [InlineData(GoalDistanceKind.FiveK, 12.3, 5000)]
    [InlineData(GoalDistanceKind.TenK, 0, 10000)]
    [InlineData(GoalDistanceKind.HalfMarathon, 0, 21097.5)]
    [InlineData(GoalDistanceKind.Marathon, 0, 42195)]
    [InlineData(GoalDistanceKind.Custom, 15.0004, 15000)]
    [InlineData(GoalDistanceKind.Custom, 50.25, 50250)]
    public void Of_StandardKindIgnoresTheKilometresCustomUsesThem(GoalDistanceKind kind, double customKm, double metres)
    {
        var goal = GoalDistance.Of(kind, customKm);

        Assert.Equal(kind, goal.Kind);
        Assert.Equal(metres, goal.Metres);
    }

    [Fact]
    public void Of_UndefinedKind_ThrowsInsteadOfGuessingARace()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GoalDistance.Of((GoalDistanceKind)42, 10));
    }

    [Theory]
    [InlineData(5000.4, GoalDistanceKind.FiveK)]
    [InlineData(21097, GoalDistanceKind.HalfMarathon)]
    [InlineData(42195, GoalDistanceKind.Marathon)]
    [InlineData(15000, GoalDistanceKind.Custom)]
    public void KindOf_RoundTripsTheStandardsWithinAMetre(double metres, GoalDistanceKind kind)
    {
        Assert.Equal(kind, GoalDistance.KindOf(metres));
    }

    [Fact]
    public void NotificationKeys_All_IsEveryTypeOnce()
    {
        Assert.Equal(Enum.GetValues<GarminNotificationType>().Select(GarminNotificationKeys.For), GarminNotificationKeys.All);
        Assert.Equal(6, GarminNotificationKeys.All.Distinct(StringComparer.Ordinal).Count());
    }
}
