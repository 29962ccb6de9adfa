using Coopah.Core.Plans;
using Coopah.Core.Plans.Templates;

namespace Coopah.Web.Tests.Core.Plans;

/// <summary>The editor's session operations on every seeded plan keep each week numbered 1..n.</summary>
public sealed class PlanTemplateEditTests
{
    public static TheoryData<string> SeededPlans => [.. PlanTemplates.All.Select(t => t.Id)];

    [Theory]
    [MemberData(nameof(SeededPlans))]
    public void WithSessionEdited_SameWeekOnEverySession_KeepsPlaceAndValidates(string key)
    {
        var plan = PlanTemplates.Find(key)!;

        foreach (var s in All(plan))
        {
            var edited = plan.WithSessionEdited(s.Week, s.Order, s.Week, s.Name + " ", s.Kind, s.Steps);

            Assert.Empty(PlanValidator.ValidateTemplate(edited));
            Assert.Equal(Describe(plan), Describe(edited));
        }
    }

    [Theory]
    [MemberData(nameof(SeededPlans))]
    public void WithSessionEdited_ToAnotherWeek_GoesLastThereAndClosesUpTheOldWeek(string key)
    {
        var plan = PlanTemplates.Find(key)!;

        foreach (var s in All(plan))
        {
            var toWeek = s.Week == plan.Weeks ? 1 : s.Week + 1;
            var moved = plan.WithSessionEdited(s.Week, s.Order, toWeek, s.Name, SessionKind.Easy, s.Steps);

            AssertOrdersContiguous(moved);
            Assert.Equal(s.Name, Week(moved, toWeek)[^1].Name);
            Assert.Equal(Week(plan, s.Week).Count - 1, Week(moved, s.Week).Count);
            Assert.DoesNotContain(PlanValidator.ValidateTemplate(moved), i => i.Message.Contains("more than one session with order", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(SeededPlans))]
    public void WithSessionSwapped_EveryNeighbourPair_SwapsAndSwapsBack(string key)
    {
        var plan = PlanTemplates.Find(key)!;

        foreach (var s in All(plan))
        {
            var later = plan.WithSessionSwapped(s.Week, s.Order, 1);
            if (s.Order == Week(plan, s.Week).Count)
            {
                Assert.Same(plan, later);
                continue;
            }

            AssertOrdersContiguous(later);
            Assert.Equal(s.Name, Week(later, s.Week)[s.Order].Name);
            Assert.Equal(Describe(plan), Describe(later.WithSessionSwapped(s.Week, s.Order + 1, -1)));
        }
    }

    [Theory]
    [MemberData(nameof(SeededPlans))]
    public void WithoutSession_EverySession_RemovesItAndClosesUpTheWeek(string key)
    {
        var plan = PlanTemplates.Find(key)!;

        foreach (var s in All(plan))
        {
            var without = plan.WithoutSession(s.Week, s.Order);

            AssertOrdersContiguous(without);
            Assert.Equal([.. Week(plan, s.Week).Where(x => x.Order != s.Order).Select(x => x.Name)], Week(without, s.Week).Select(x => x.Name));
        }
    }

    [Fact]
    public void ValidateTemplate_DuplicateOrderInBaseWeek_ReportsIt()
    {
        var plan = PlanTemplates.Find("5k-6w")!;
        var first = plan.BaseWeek[0];

        var issues = PlanValidator.ValidateTemplate(plan with { BaseWeek = [.. plan.BaseWeek, first with { Name = "Twin" }] });

        Assert.Contains(issues, i => i.Message == $"The base week has more than one session with order {first.Order}.");
    }

    [Theory]
    [MemberData(nameof(SeededPlans))]
    public void SessionsInWeek_WeekZeroIsTheBaseWeekInOrder(string key)
    {
        var plan = PlanTemplates.Find(key)!;

        Assert.Equal(plan.BaseWeek.OrderBy(s => s.Order), plan.SessionsInWeek(0));
        Assert.Equal(Week(plan, 1), plan.SessionsInWeek(1));
    }

    [Fact]
    public void WithSessionSwapped_InTheBaseWeek_SwapsAndStaysInTheBaseWeek()
    {
        var plan = PlanTemplates.All.First(t => t.BaseWeek.Count >= 2);
        var (first, second) = (plan.SessionsInWeek(0)[0], plan.SessionsInWeek(0)[1]);

        var swapped = plan.WithSessionSwapped(0, 1, 1);

        Assert.Equal([second.Name, first.Name], swapped.SessionsInWeek(0).Take(2).Select(s => s.Name));
        Assert.Equal(plan.Sessions, swapped.Sessions);
        Assert.Same(plan, plan.WithSessionSwapped(0, 1, -1));
    }

    private static IEnumerable<SessionTemplate> All(PlanTemplate plan) => plan.Sessions.Concat(plan.BaseWeek);

    private static IReadOnlyList<SessionTemplate> Week(PlanTemplate plan, int week) =>
        [.. All(plan).Where(s => s.Week == week).OrderBy(s => s.Order)];

    private static void AssertOrdersContiguous(PlanTemplate plan)
    {
        foreach (var week in All(plan).GroupBy(s => s.Week))
        {
            Assert.Equal(Enumerable.Range(1, week.Count()), week.Select(s => s.Order).Order());
        }
    }

    private static string Describe(PlanTemplate plan) =>
        string.Join('\n', All(plan).OrderBy(s => s.Week).ThenBy(s => s.Order).Select(s => $"{s.Week}/{s.Order} {s.Name} {s.Kind} {StepNotation.Format(s.Steps)}"));
}
