using static Coopah.Core.Plans.Templates.Snippets;

namespace Coopah.Core.Plans.Templates;

internal static class FiveKSixWeeks
{
    public static PlanTemplate Create() =>
        new TemplateBuilder(
                "5k-6w",
                "5 km in 6 weeks",
                "Four runs a week: intervals, an easy run with strides, threshold work and a long run, with a light race week.",
                GoalDistance.FiveK,
                weeks: 6,
                minimumWeeks: 4)
            .BaseWeek(
                (SessionKind.Easy, "Easy run", Easy(30)),
                (SessionKind.Easy, "Easy run + strides", EasyWithStrides(30)),
                (SessionKind.Long, "Long run", LongMinutes(50)))
            .Week(
                1,
                (SessionKind.Intervals, "6 x 400 m", Quality("6x(400m interval interval; 90s recovery)")),
                (SessionKind.Easy, "Easy run", Easy(30)),
                (SessionKind.Tempo, "15 min tempo", Quality("15min active threshold")),
                (SessionKind.Long, "Long run", LongMinutes(50)))
            .Week(
                2,
                (SessionKind.Intervals, "5 x 800 m", Quality("5x(800m interval interval; 2min recovery)")),
                (SessionKind.Easy, "Easy run + strides", EasyWithStrides(35)),
                (SessionKind.Tempo, "2 x 10 min threshold", Quality("2x(10min active threshold; 2min recovery)")),
                (SessionKind.Long, "Long run", LongMinutes(55)))
            .Week(
                3,
                (SessionKind.Intervals, "5 x 1 km", Quality("5x(1km interval interval; 2min30s recovery)")),
                (SessionKind.Easy, "Easy run", Easy(35)),
                (SessionKind.Tempo, "20 min tempo", Quality("20min active threshold")),
                (SessionKind.Long, "Long run", LongMinutes(60)))
            .Week(
                4,
                (SessionKind.Intervals, "10 x 400 m", Quality("10x(400m interval repetition; 2min recovery)")),
                (SessionKind.Easy, "Recovery run", "30min recovery easy"),
                (SessionKind.Tempo, "3 x 8 min threshold", Quality("3x(8min active threshold; 90s recovery)")),
                (SessionKind.Long, "Long run", LongMinutes(60)))
            .Week(
                5,
                (SessionKind.Intervals, "4 x 1200 m", Quality("4x(1200m interval interval; 3min recovery)")),
                (SessionKind.Easy, "Easy run + strides", EasyWithStrides(30)),
                (SessionKind.Tempo, "Tempo + fast finish", Quality("15min active threshold; 2min recovery; 4x(200m interval repetition; 200m recovery)")),
                (SessionKind.Long, "Long run", LongMinutes(50)))
            .Week(
                6,
                (SessionKind.Intervals, "Sharpener 4 x 400 m", Quality("4x(400m interval interval; 2min recovery)")),
                (SessionKind.Easy, "Easy run + strides", EasyWithStrides(25)),
                (SessionKind.Race, "Race: 5 km", "15min warmup easy; 4x(20s interval repetition; 40s recovery); 5km active interval \"Race: start controlled, finish strong\"; 10min cooldown easy"))
            .Build();
}
