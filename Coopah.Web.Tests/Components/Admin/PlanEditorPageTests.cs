using Bunit;
using Coopah.Core.Plans;
using Coopah.Core.Plans.Templates;
using Coopah.Web.Components.Pages.Admin.Plans;
using Coopah.Web.Plans;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Components.Admin;

/// <summary>The plan editor's session edit paths, clicked on copies of every seeded plan in the real host's database.</summary>
public sealed class PlanEditorPageTests(CoopahWebApplicationFactory factory) : IClassFixture<CoopahWebApplicationFactory>, IAsyncLifetime
{
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

            Assert.Empty(cut.FindAll("[data-testid='plan-issues']"));
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
            Assert.Empty(cut.FindAll("[data-testid='plan-issues']"));
            Assert.Equal(before.SessionsInWeek(week)[0].Name, (await Library.GetAsync(id))!.Template.SessionsInWeek(week)[1].Name);

            await cut.Find("[data-testid='session-earlier']").ClickAsync(new());
            Assert.Empty(cut.FindAll("[data-testid='plan-issues']"));
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

            Assert.Empty(cut.FindAll("[data-testid='plan-issues']"));
            Assert.Equal(
                [.. before.SessionsInWeek(week).Skip(1).Select(s => s.Name)],
                (await Library.GetAsync(id))!.Template.SessionsInWeek(week).Select(s => s.Name));
        }
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
