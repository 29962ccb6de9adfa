using Bunit;
using Coopah.Web.Components.Pages.Admin.Plans;
using Coopah.Web.Plans;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Components.Admin;

/// <summary>Creating a plan from the plan list: out-of-range input is marked on its field, never quietly changed.</summary>
public sealed class PlanListPageTests(CoopahWebApplicationFactory factory) : IClassFixture<CoopahWebApplicationFactory>, IAsyncLifetime
{
    private readonly MudBunitContext _context = new();

    private PlanLibrary Library => factory.Services.GetRequiredService<PlanLibrary>();

    public Task InitializeAsync()
    {
        _context.Services.AddSingleton(Library);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Theory]
    [InlineData("-3")]
    [InlineData("500")]
    public async Task Create_WeeksOutOfRange_MarksTheWeeksFieldAndKeepsTheValue(string weeks)
    {
        var cut = _context.Render<PlanListPage>();
        cut.Find("input[data-testid='new-plan-name']").Change("Out of range " + weeks);
        cut.Find("input[data-testid='new-plan-weeks']").Change(weeks);

        await cut.Find("button[data-testid='new-plan-create']").ClickAsync(new());

        await cut.WaitForAssertionAsync(() => Assert.Contains("A plan has 1 to 52 weeks", cut.Markup, StringComparison.Ordinal));
        Assert.Equal(weeks, cut.Find("input[data-testid='new-plan-weeks']").GetAttribute("value"));
        Assert.Empty(await Library.ListAsync("Out of range " + weeks));
    }

    [Fact]
    public async Task Create_NameTooLong_MarksTheNameField()
    {
        var cut = _context.Render<PlanListPage>();
        cut.Find("input[data-testid='new-plan-name']").Change(new string('n', 2000));

        await cut.Find("button[data-testid='new-plan-create']").ClickAsync(new());

        await cut.WaitForAssertionAsync(() => Assert.Contains("at most 120", cut.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Render_SeededAndDraftPlans_MarksOnlyDraftsAsDraft()
    {
        var cut = _context.Render<PlanListPage>();

        await cut.WaitForElementAsync("[data-testid='plan-link-5k-6w']");
        Assert.Empty(cut.FindAll("[data-testid='draft-5k-6w']"));
    }
}
