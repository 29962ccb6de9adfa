using static Coopah.Core.Plans.Templates.Snippets;

namespace Coopah.Core.Plans.Templates;

internal static class HalfMarathonTwelveWeeks
{
    private static readonly string[] Intervals =
    [
        "6x(800m interval interval; 2min recovery)",
        "5x(1km interval interval; 2min recovery)",
        "4x(1200m interval interval; 3min recovery)",
        "8x(400m interval repetition; 90s recovery)",
        "5x(1200m interval interval; 3min recovery)",
        "4x(1600m interval interval; 3min recovery)",
        "3x(2km interval threshold; 2min recovery)",
        "2x(4x(400m interval interval; 60s recovery); 3min rest)",
        "6x(1km interval interval; 90s recovery)",
        "3x(3km interval threshold; 3min recovery)",
        "5x(800m interval interval; 2min recovery)",
        "4x(400m interval interval; 90s recovery)",
    ];

    private static readonly string[] Tempos =
    [
        "20min active threshold",
        "2x(12min active threshold; 2min recovery)",
        "25min active threshold",
        "20min active threshold",
        "3x(10min active threshold; 2min recovery)",
        "30min active threshold",
        "8km active marathon \"Steady, half-marathon effort or a touch slower\"",
        "2x(15min active threshold; 3min recovery)",
        "10km active marathon",
        "35min active threshold",
        "20min active threshold",
    ];

    private static readonly int[] LongKm = [12, 13, 14, 12, 15, 16, 17, 14, 18, 19, 14];

    private static readonly int[] EasyMinutes = [35, 40, 40, 35, 40, 45, 45, 40, 45, 45, 35, 25];

    public static PlanTemplate Create()
    {
        var builder = new TemplateBuilder(
                "half-12w",
                "Half marathon in 12 weeks",
                "Four runs a week building the long run to 19 km, with cut-back weeks (4 and 8) and a two-week taper.",
                GoalDistance.HalfMarathon,
                weeks: 12,
                minimumWeeks: 8)
            .BaseWeek(
                (SessionKind.Easy, "Easy run", Easy(35)),
                (SessionKind.Easy, "Easy run + strides", EasyWithStrides(35)),
                (SessionKind.Long, "Long run", Snippets.LongKm(12)));

        for (var week = 1; week <= 11; week++)
        {
            var i = week - 1;
            builder.Week(
                week,
                (SessionKind.Intervals, "Intervals", Quality(Intervals[i])),
                (SessionKind.Easy, week % 2 == 0 ? "Easy run + strides" : "Easy run", week % 2 == 0 ? EasyWithStrides(EasyMinutes[i]) : Easy(EasyMinutes[i])),
                (SessionKind.Tempo, "Tempo", Quality(Tempos[i])),
                (SessionKind.Long, "Long run", Snippets.LongKm(LongKm[i])));
        }

        return builder
            .Week(
                12,
                (SessionKind.Intervals, "Sharpener", Quality(Intervals[11])),
                (SessionKind.Easy, "Easy run + strides", EasyWithStrides(EasyMinutes[11])),
                (SessionKind.Race, "Race: half marathon", "15min warmup easy; 4x(20s interval repetition; 40s recovery); 21.1km active threshold \"Race: settle in, hold back until 15 km\"; 10min cooldown easy"))
            .Build();
    }
}
