using Coopah.Core.Plans;

namespace Coopah.Web.Tests.Core.Plans;

public sealed class PersonalPacesTests
{
    // Riegel: T2 = T1 * (D2/D1)^1.06; expected values computed independently (Python) from the formula.
    [Theory]
    [InlineData(5000, 1200, 10000, 2501.918)]
    [InlineData(5000, 1200, 21097.5, 5520.239)]
    [InlineData(5000, 1200, 42195, 11509.321)]
    [InlineData(10000, 3000, 21097.5, 6619.209)]
    [InlineData(10000, 3000, 42195, 13800.598)]
    [InlineData(5000, 1200, 5000, 1200)]
    public void EquivalentTimeSeconds_KnownRiegelValues_Match(double d1, int t1, double d2, double expected)
    {
        var paces = PersonalPaces.FromRace(d1, t1);

        var time = paces.EquivalentTimeSeconds(d2);

        Assert.Equal(expected, time, 2);
    }

    [Fact]
    public void EquivalentRaceTimes_FiveKInTwentyMinutes_PredictsMarathonIn31149()
    {
        var paces = PersonalPaces.FromRace(5000, 20 * 60);

        var marathon = Assert.Single(paces.EquivalentRaceTimes, t => t.Name == "Marathon");

        Assert.Equal(11509, marathon.TimeSeconds);
        Assert.Equal("3:11:49", Pace.FormatDuration(marathon.TimeSeconds));
        Assert.Equal(273, marathon.PaceSecondsPerKm);
    }

    [Theory]
    [InlineData(PaceZone.Easy, 305, 346)]
    [InlineData(PaceZone.Marathon, 269, 277)]
    [InlineData(PaceZone.Threshold, 256, 262)]
    [InlineData(PaceZone.Interval, 233, 240)]
    [InlineData(PaceZone.Repetition, 215, 224)]
    public void Zone_FiveKInTwentyMinutes_MatchesModel(PaceZone zone, int fast, int slow)
    {
        var paces = PersonalPaces.FromRace(5000, 20 * 60);

        var range = paces.Zone(zone);

        Assert.Equal(new PaceRange(fast, slow), range);
    }

    [Fact]
    public void Zones_AnyRunner_AreOrderedSlowestToFastest()
    {
        foreach (var seconds in new[] { 15 * 60, 20 * 60, 30 * 60, 45 * 60 })
        {
            var paces = PersonalPaces.FromRace(5000, seconds);

            var zones = paces.Zones.Select(z => z.Range).ToList();

            Assert.Equal(5, zones.Count);
            Assert.All(zones, z => Assert.True(z.FastSecondsPerKm <= z.SlowSecondsPerKm));
            Assert.All(zones.Zip(zones.Skip(1)), p => Assert.True(p.First.MidpointSecondsPerKm > p.Second.MidpointSecondsPerKm));
        }
    }

    [Fact]
    public void FromGoal_HalfMarathonGoal_EqualsRaceResultOverSameDistance()
    {
        var fromGoal = PersonalPaces.FromGoal(GoalDistance.HalfMarathon, 90 * 60);

        var fromRace = PersonalPaces.FromRace(21097.5, 90 * 60);

        Assert.Equal(fromRace.Zones, fromGoal.Zones);
        Assert.Equal(5400, fromGoal.EquivalentRaceTimes.Single(t => t.Name == "Half marathon").TimeSeconds);
    }

    [Fact]
    public void Resolve_ZoneTarget_ReturnsAbsolutePaceRange()
    {
        var paces = PersonalPaces.FromRace(5000, 20 * 60);

        var target = paces.Resolve(StepTarget.ForZone(PaceZone.Threshold));

        Assert.Equal(StepTarget.ForPace(256, 262), target);
    }

    [Fact]
    public void Resolve_Tree_ResolvesNestedZonesAndKeepsOtherTargets()
    {
        var paces = PersonalPaces.FromRace(5000, 20 * 60);
        var tree = StepNotation.Parse("10min warmup easy; 2x(1km interval interval; 2min recovery @ hr2)");

        var resolved = paces.Resolve(tree);

        Assert.Equal("10min warmup @ 5:05-5:46/km; 2x(1km interval @ 3:53-4:00/km; 2min recovery @ hr2)", StepNotation.Format(resolved));
    }

    [Theory]
    [InlineData(100, 60)]
    [InlineData(5000, 0)]
    [InlineData(5000, 500)]
    [InlineData(5000, 5000)]
    public void FromRace_ImplausibleInput_Throws(double metres, int seconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PersonalPaces.FromRace(metres, seconds));
    }

    [Theory]
    [InlineData(230, "3:50")]
    [InlineData(600, "10:00")]
    [InlineData(125, "2:05")]
    public void Format_SecondsPerKm_PrintsMinutesAndSeconds(int seconds, string expected)
    {
        Assert.Equal(expected, Pace.Format(seconds));
    }
}
