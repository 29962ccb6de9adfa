using Bunit;
using Coopah.Core.Plans;
using Coopah.Core.Plans.Templates;
using Coopah.Web.Components.Pages.Admin.Plans;
using Coopah.Web.Plans;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Coopah.Web.Tests.Components.Admin;

/// <summary>The plan editor's session edit paths, clicked on copies of every seeded plan in the real host's database.</summary>
public sealed class PlanEditorPageTests(CoopahWebApplicationFactory factory) : IClassFixture<CoopahWebApplicationFactory>, IAsyncLifetime
{
    /// <summary>Refusals show above the grid (details, publish) or in the session editor (session saves, moves, deletes).</summary>
    private const string Issues = "[data-testid='plan-issues'], [data-testid='session-issues']";

    private readonly MudBunitContext _context = new();

    private PlanLibrary Library => factory.Services.GetRequiredService<PlanLibrary>();

    public static TheoryData<string> SeededPlans => [.. PlanTemplates.All.Select(t => t.Id)];

    public Task InitializeAsync()
    {
        _context.Services.AddSingleton(Library);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Theory]
    [MemberData(nameof(SeededPlans))]
    public async Task SaveSession_UnchangedOnEverySession_SavesAndKeepsThePlan(string key)
    {
        var id = await CopyOfAsync(key);
        var before = (await Library.GetAsync(id))!.Template;
        var cut = _context.Render<PlanEditorPage>(p => p.Add(x => x.Id, id));
        await cut.WaitForElementAsync("[data-testid='week-grid']");

        foreach (var chip in ChipIds(before))
        {
            await (await cut.WaitForElementAsync($"[data-testid='{chip}']")).ClickAsync(new());
            await (await cut.WaitForElementAsync("[data-testid='session-save']")).ClickAsync(new());
            await cut.WaitForAssertionAsync(() => Assert.Empty(cut.FindAll("[data-testid='session-editor']")));

            Assert.Empty(cut.FindAll(Issues));
        }

        Assert.Equal(Describe(before), Describe((await Library.GetAsync(id))!.Template));
    }

    [Theory]
    [MemberData(nameof(SeededPlans))]
    public async Task Reorder_LaterThenEarlierInEveryWeek_SavesAndRestoresTheOrder(string key)
    {
        var id = await CopyOfAsync(key);
        var before = (await Library.GetAsync(id))!.Template;
        var cut = _context.Render<PlanEditorPage>(p => p.Add(x => x.Id, id));
        await cut.WaitForElementAsync("[data-testid='week-grid']");

        foreach (var week in Enumerable.Range(0, before.Weeks + 1).Where(w => before.SessionsInWeek(w).Count > 1))
        {
            await (await cut.WaitForElementAsync($"[data-testid='session-w{week}-1']")).ClickAsync(new());
            await (await cut.WaitForElementAsync("[data-testid='session-later']")).ClickAsync(new());
            Assert.Empty(cut.FindAll(Issues));
            Assert.Equal(before.SessionsInWeek(week)[0].Name, (await Library.GetAsync(id))!.Template.SessionsInWeek(week)[1].Name);

            await cut.Find("[data-testid='session-earlier']").ClickAsync(new());
            Assert.Empty(cut.FindAll(Issues));
        }

        Assert.Equal(Describe(before), Describe((await Library.GetAsync(id))!.Template));
    }

    [Theory]
    [MemberData(nameof(SeededPlans))]
    public async Task DeleteSession_FirstOfEveryWeek_SavesAndClosesUpTheWeek(string key)
    {
        var id = await CopyOfAsync(key);
        var before = (await Library.GetAsync(id))!.Template;
        var cut = _context.Render<PlanEditorPage>(p => p.Add(x => x.Id, id));
        await cut.WaitForElementAsync("[data-testid='week-grid']");

        foreach (var week in Enumerable.Range(0, before.Weeks + 1).Where(w => before.SessionsInWeek(w).Count > 0))
        {
            await (await cut.WaitForElementAsync($"[data-testid='session-w{week}-1']")).ClickAsync(new());
            await (await cut.WaitForElementAsync("[data-testid='session-delete']")).ClickAsync(new());
            await cut.WaitForAssertionAsync(() => Assert.Empty(cut.FindAll("[data-testid='session-editor']")));

            Assert.Empty(cut.FindAll(Issues));
            Assert.Equal(
                [.. before.SessionsInWeek(week).Skip(1).Select(s => s.Name)],
                (await Library.GetAsync(id))!.Template.SessionsInWeek(week).Select(s => s.Name));
        }
    }

    [Theory]
    [MemberData(nameof(SeededPlans))]
    public async Task ChangeWeek_FirstOfEveryWeek_GoesLastInTheNextWeekAndClosesUpTheOldOne(string key)
    {
        var id = await CopyOfAsync(key);
        var weeks = (await Library.GetAsync(id))!.Template.Weeks;
        var popovers = _context.Render<MudPopoverProvider>();
        var cut = _context.Render<PlanEditorPage>(p => p.Add(x => x.Id, id));
        await cut.WaitForElementAsync("[data-testid='week-grid']");

        foreach (var week in Enumerable.Range(0, weeks + 1))
        {
            var before = (await Library.GetAsync(id))!.Template;
            if (before.SessionsInWeek(week).Count == 0)
            {
                continue;
            }

            // The base week takes only easy sessions, so the last week's first session (often intervals) goes to week 1.
            var target = week == weeks ? 1 : week + 1;
            await (await cut.WaitForElementAsync($"[data-testid='session-w{week}-1']")).ClickAsync(new());
            await cut.WaitForElementAsync("[data-testid='session-editor']");
            await cut.FindComponent<MudSelect<int>>().Find("div.mud-input-control").MouseDownAsync(new());
            var label = target == 0 ? "Base week" : $"Week {target}";
            await popovers.WaitForAssertionAsync(() => Assert.Contains(popovers.FindAll(".mud-popover-open .mud-list-item"), i => i.TextContent.Trim() == label));
            await popovers.FindAll(".mud-popover-open .mud-list-item").First(i => i.TextContent.Trim() == label).ClickAsync(new());
            await cut.Find("[data-testid='session-save']").ClickAsync(new());
            await cut.WaitForAssertionAsync(() => Assert.True(
                cut.FindAll("[data-testid='session-editor']").Count == 0,
                cut.FindAll(Issues).FirstOrDefault()?.TextContent ?? "The session editor is still open."));

            Assert.Empty(cut.FindAll(Issues));
            var after = (await Library.GetAsync(id))!.Template;
            var moved = before.SessionsInWeek(week)[0];
            Assert.Equal([.. before.SessionsInWeek(week).Skip(1).Select(s => s.Name)], after.SessionsInWeek(week).Select(s => s.Name));
            Assert.Equal([.. before.SessionsInWeek(target).Select(s => s.Name), moved.Name], after.SessionsInWeek(target).Select(s => s.Name));
            Assert.Equal(StepNotation.Format(moved.Steps), StepNotation.Format(after.SessionsInWeek(target)[^1].Steps));
            Assert.Equal(Enumerable.Range(1, after.SessionsInWeek(target).Count), after.SessionsInWeek(target).Select(s => s.Order));
        }
    }

    [Theory]
    [InlineData("-3")]
    [InlineData("500")]
    public async Task SaveDetails_WeeksOutOfRange_MarksTheWeeksFieldAndKeepsTheValue(string weeks)
    {
        var id = await CopyOfAsync("5k-6w");
        var cut = _context.Render<PlanEditorPage>(p => p.Add(x => x.Id, id));
        (await cut.WaitForElementAsync("input[data-testid='plan-weeks']")).Change(weeks);

        await cut.Find("button[data-testid='plan-save-details']").ClickAsync(new());

        await cut.WaitForAssertionAsync(() => Assert.Contains("A plan has 1 to 52 weeks", cut.Markup, StringComparison.Ordinal));
        Assert.Equal(weeks, cut.Find("input[data-testid='plan-weeks']").GetAttribute("value"));
        Assert.Contains("mud-input-error", cut.Find("input[data-testid='plan-weeks']").ParentElement!.ClassName, StringComparison.Ordinal);
        Assert.Equal(6, (await Library.GetAsync(id))!.Template.Weeks);
    }

    [Fact]
    public async Task Publish_DraftWithAnEmptyWeek_StaysDraftAndNamesTheWeek()
    {
        var id = (await Library.CreateAsync("Unfinished draft", GoalDistance.FiveK, 2)).Id!.Value;
        Assert.True((await Library.SaveAsync(id, (await Library.GetAsync(id))!.Template
            .WithSessionAdded(1, "Easy", SessionKind.Easy, StepNotation.Parse("30min active easy")))).Succeeded);
        var cut = _context.Render<PlanEditorPage>(p => p.Add(x => x.Id, id));

        await (await cut.WaitForElementAsync("[data-testid='plan-publish']")).ClickAsync(new());

        await cut.WaitForAssertionAsync(() => Assert.Contains("Week 2 has no sessions.", cut.Find("[data-testid='plan-issues']").TextContent, StringComparison.Ordinal));
        Assert.Equal("Draft", cut.Find("[data-testid='plan-status']").TextContent.Trim());
        Assert.False((await Library.GetAsync(id))!.Published);
    }

    [Fact]
    public async Task SaveSession_RefusedByThePlanRules_ExplainsItInTheSessionEditor()
    {
        var id = await CopyOfAsync("5k-6w");
        var before = (await Library.GetAsync(id))!.Template;
        var popovers = _context.Render<MudPopoverProvider>();
        var cut = _context.Render<PlanEditorPage>(p => p.Add(x => x.Id, id));
        await (await cut.WaitForElementAsync("[data-testid='session-w1-1']")).ClickAsync(new());

        await cut.FindComponent<MudSelect<int>>().Find("div.mud-input-control").MouseDownAsync(new());
        await popovers.WaitForAssertionAsync(() => Assert.Contains(popovers.FindAll(".mud-popover-open .mud-list-item"), i => i.TextContent.Trim() == "Base week"));
        await popovers.FindAll(".mud-popover-open .mud-list-item").First(i => i.TextContent.Trim() == "Base week").ClickAsync(new());
        await cut.Find("[data-testid='session-save']").ClickAsync(new());

        var issues = await cut.WaitForElementAsync("[data-testid='session-editor'] [data-testid='session-issues']");
        Assert.Contains($"Base-week session '{before.SessionsInWeek(1)[0].Name}' must be easy", issues.TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid='plan-issues']"));
        Assert.Equal(Describe(before), Describe((await Library.GetAsync(id))!.Template));

        await cut.Find("[data-testid='session-cancel']").ClickAsync(new());
        Assert.Empty(cut.FindAll(Issues));
    }

    [Fact]
    public async Task SessionName_Emptied_MarksTheFieldAndCannotBeSaved()
    {
        var id = await CopyOfAsync("5k-6w");
        var cut = _context.Render<PlanEditorPage>(p => p.Add(x => x.Id, id));
        await (await cut.WaitForElementAsync("[data-testid='add-session-w1']")).ClickAsync(new());

        (await cut.WaitForElementAsync("input[data-testid='session-name']")).Input("  ");

        await cut.WaitForAssertionAsync(() => Assert.Contains("Give the session a name.", cut.Find("[data-testid='session-editor']").TextContent, StringComparison.Ordinal));
        Assert.True(cut.Find("button[data-testid='session-save']").HasAttribute("disabled"));
        Assert.Equal("120", cut.Find("input[data-testid='session-name']").GetAttribute("maxlength"));
    }

    private async Task<int> CopyOfAsync(string key)
    {
        var source = (await Library.ListAsync()).Single(p => p.Key == key);
        return (await Library.DuplicateAsync(source.Id))!.Value;
    }

    private static IEnumerable<string> ChipIds(PlanTemplate plan) =>
        Enumerable.Range(0, plan.Weeks + 1).SelectMany(w => plan.SessionsInWeek(w).Select(s => $"session-w{w}-{s.Order}"));

    private static string Describe(PlanTemplate plan) =>
        string.Join('\n', plan.Sessions.Concat(plan.BaseWeek).OrderBy(s => s.Week).ThenBy(s => s.Order)
            .Select(s => $"{s.Week}/{s.Order} {s.Name} {s.Kind} {StepNotation.Format(s.Steps)}"));
}
