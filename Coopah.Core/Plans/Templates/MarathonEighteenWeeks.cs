using static Coopah.Core.Plans.Templates.Snippets;

namespace Coopah.Core.Plans.Templates;

internal static class MarathonEighteenWeeks
{
    private static readonly string[] Intervals =
    [
        "6x(800m interval interval; 2min recovery)",
        "5x(1km interval interval; 2min recovery)",
        "8x(400m interval repetition; 90s recovery)",
        "4x(1200m interval interval; 3min recovery)",
        "5x(1200m interval interval; 3min recovery)",
        "3x(2km interval threshold; 2min recovery)",
        "6x(1km interval interval; 90s recovery)",
        "2x(4x(400m interval interval; 60s recovery); 3min rest)",
        "4x(1600m interval interval; 3min recovery)",
        "3x(3km interval threshold; 3min recovery)",
        "5x(1600m interval threshold; 2min recovery)",
        "6x(800m interval interval; 2min recovery)",
        "4x(2km interval threshold; 2min recovery)",
        "3x(3km interval threshold; 2min recovery)",
        "5x(1km interval interval; 2min recovery)",
        "4x(1200m interval threshold; 2min recovery)",
        "6x(400m interval interval; 90s recovery)",
        "4x(400m interval interval; 90s recovery)",
    ];

    private static readonly string[] Tempos =
    [
        "20min active threshold",
        "8km active marathon",
        "2x(12min active threshold; 2min recovery)",
        "20min active threshold",
        "25min active threshold",
        "12km active marathon",
        "3x(10min active threshold; 2min recovery)",
        "10km active marathon",
        "30min active threshold",
        "14km active marathon",
        "2x(15min active threshold; 3min recovery)",
        "12km active marathon",
        "35min active threshold",
        "16km active marathon \"Practise race fuelling\"",
        "2x(15min active threshold; 3min recovery)",
        "10km active marathon",
        "20min active threshold",
    ];

    private static readonly int[] LongKm = [16, 18, 20, 16, 22, 24, 26, 20, 28, 29, 30, 24, 32, 27, 32, 24, 16];

    private static readonly int[] EasyMinutes = [40, 45, 45, 40, 50, 50, 55, 45, 55, 60, 60, 50, 60, 60, 55, 45, 40, 30];

    public static PlanTemplate Create()
    {
        var builder = new TemplateBuilder(
                "marathon-18w",
                "Marathon in 18 weeks",
                "Five runs a week building the long run to 32 km with marathon-pace finishes, cut-back weeks every fourth week and a three-week taper.",
                GoalDistance.Marathon,
                weeks: 18,
                minimumWeeks: 12)
            .BaseWeek(
                (SessionKind.Easy, "Easy run", Easy(40)),
                (SessionKind.Easy, "Easy run + strides", EasyWithStrides(40)),
                (SessionKind.Recovery, "Recovery run", "30min recovery easy"),
                (SessionKind.Long, "Long run", Snippets.LongKm(16)));

        for (var week = 1; week <= 17; week++)
        {
            var i = week - 1;
            var longRun = week is 11 or 13 or 15
                ? FormattableString.Invariant($"{LongKm[i] - 8}km active easy; 8km active marathon \"Marathon pace to finish\"")
                : Snippets.LongKm(LongKm[i]);
            builder.Week(
                week,
                (SessionKind.Intervals, "Intervals", Quality(Intervals[i])),
                (SessionKind.Easy, "Easy run + strides", EasyWithStrides(EasyMinutes[i])),
                (SessionKind.Tempo, "Tempo", Quality(Tempos[i])),
                (SessionKind.Recovery, "Recovery run", "35min recovery easy"),
                (SessionKind.Long, "Long run", longRun));
        }

        return builder
            .Week(
                18,
                (SessionKind.Intervals, "Sharpener", Quality(Intervals[17])),
                (SessionKind.Easy, "Easy run + strides", EasyWithStrides(EasyMinutes[17])),
                (SessionKind.Race, "Race: marathon", "10min warmup easy; 42195m active marathon \"Race: even splits, fuel every 30 minutes\""))
            .Build();
    }
}
