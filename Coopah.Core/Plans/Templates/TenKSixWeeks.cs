using static Coopah.Core.Plans.Templates.Snippets;

namespace Coopah.Core.Plans.Templates;

internal static class TenKSixWeeks
{
    public static PlanTemplate Create() =>
        new TemplateBuilder(
                "10k-6w",
                "10 km in 6 weeks",
                "Four runs a week for runners already running 25-30 km a week: intervals, easy, threshold and a long run, with a taper.",
                GoalDistance.TenK,
                weeks: 6,
                minimumWeeks: 4)
            .BaseWeek(
                (SessionKind.Easy, "Easy run", Easy(35)),
                (SessionKind.Easy, "Easy run + strides", EasyWithStrides(35)),
                (SessionKind.Long, "Long run", LongMinutes(60)))
            .Week(
                1,
                (SessionKind.Intervals, "6 x 800 m", Quality("6x(800m interval interval; 2min recovery)")),
                (SessionKind.Easy, "Easy run", Easy(35)),
                (SessionKind.Tempo, "20 min tempo", Quality("20min active threshold")),
                (SessionKind.Long, "Long run", LongKm(12)))
            .Week(
                2,
                (SessionKind.Intervals, "5 x 1 km", Quality("5x(1km interval interval; 2min recovery)")),
                (SessionKind.Easy, "Easy run + strides", EasyWithStrides(40)),
                (SessionKind.Tempo, "3 x 10 min threshold", Quality("3x(10min active threshold; 2min recovery)")),
                (SessionKind.Long, "Long run", LongKm(13)))
            .Week(
                3,
                (SessionKind.Intervals, "4 x 1600 m", Quality("4x(1600m interval interval; 3min recovery)")),
                (SessionKind.Easy, "Easy run", Easy(40)),
                (SessionKind.Tempo, "25 min tempo", Quality("25min active threshold")),
                (SessionKind.Long, "Long run", LongKm(14)))
            .Week(
                4,
                (SessionKind.Intervals, "Pyramid", Quality("400m interval repetition; 200m recovery; 800m interval interval; 400m recovery; 1200m interval interval; 400m recovery; 800m interval interval; 400m recovery; 400m interval repetition")),
                (SessionKind.Recovery, "Recovery run", "30min recovery easy"),
                (SessionKind.Tempo, "2 x 15 min threshold", Quality("2x(15min active threshold; 3min recovery)")),
                (SessionKind.Long, "Long run with fast finish", "12km active easy; 3km active marathon \"Finish at marathon pace\""))
            .Week(
                5,
                (SessionKind.Intervals, "3 x 2 km", Quality("3x(2km interval threshold; 3min recovery)")),
                (SessionKind.Easy, "Easy run + strides", EasyWithStrides(35)),
                (SessionKind.Tempo, "20 min tempo", Quality("20min active threshold")),
                (SessionKind.Long, "Long run", LongKm(12)))
            .Week(
                6,
                (SessionKind.Intervals, "Sharpener 5 x 400 m", Quality("5x(400m interval interval; 90s recovery)")),
                (SessionKind.Easy, "Easy run + strides", EasyWithStrides(25)),
                (SessionKind.Race, "Race: 10 km", "15min warmup easy; 4x(20s interval repetition; 40s recovery); 10km active threshold \"Race: even pace, push the last 2 km\"; 10min cooldown easy"))
            .Build();
}
