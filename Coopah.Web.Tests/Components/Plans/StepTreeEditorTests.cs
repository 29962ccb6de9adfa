using Bunit;
using Coopah.Core.Plans;
using Coopah.Web.Components.Plans;
using Coopah.Web.Tests.Infrastructure;

namespace Coopah.Web.Tests.Components.Plans;

public sealed class StepTreeEditorTests : IAsyncLifetime
{
    private readonly MudBunitContext _context = new();
    private IReadOnlyList<StepNode>? _changed;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public void Render_Tree_ShowsNestedRowsNotationAndTotals()
    {
        var cut = Render("10min warmup easy; 6x(800m interval @ 3:50-4:00/km; 90s recovery); 10min cooldown");

        Assert.Equal("repeat", cut.Find("[data-testid='node-2']").GetAttribute("data-kind"));
        Assert.NotNull(cut.Find("[data-testid='node-2.1']"));
        Assert.Equal("800m", cut.Find("input[data-testid='duration-2.1']").GetAttribute("value"));
        Assert.Contains("6x(800m interval @ 3:50-4:00/km; 90s recovery)", cut.Find("textarea[data-testid='notation']").TextContent + cut.Find("textarea[data-testid='notation']").GetAttribute("value"), StringComparison.Ordinal);
        Assert.Contains("km", cut.Find("[data-testid='step-totals']").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid='step-issues']"));
    }

    [Fact]
    public void AddRepeat_InsideRepeat_NestsAndReportsChange()
    {
        var cut = Render("6x(400m interval interval; 90s recovery)");

        cut.Find("button[data-testid='add-repeat-1']").Click();

        var repeat = Assert.IsType<RepeatBlock>(Assert.Single(_changed!));
        Assert.IsType<RepeatBlock>(repeat.Steps[2]);
        Assert.NotNull(cut.Find("[data-testid='node-1.3.1']"));
    }

    [Fact]
    public void AddStep_EmptyTree_AddsDefaultStep()
    {
        var cut = Render("");

        cut.Find("button[data-testid='add-step']").Click();

        Assert.Equal("10min active easy", StepNotation.Format(_changed!));
    }

    [Fact]
    public void MoveDown_FirstStep_SwapsWithSecond()
    {
        var cut = Render("10min warmup easy; 5min active threshold");

        cut.Find("button[data-testid='down-1']").Click();

        Assert.Equal("5min active threshold; 10min warmup easy", StepNotation.Format(_changed!));
    }

    [Fact]
    public void Delete_NestedStep_RemovesOnlyThatStep()
    {
        var cut = Render("3x(400m interval interval; 90s recovery)");

        cut.Find("button[data-testid='delete-1.2']").Click();

        Assert.Equal("3x(400m interval interval)", StepNotation.Format(_changed!));
    }

    [Fact]
    public void Wrap_Step_PutsItInRepeatOfTwo()
    {
        var cut = Render("1km interval threshold");

        cut.Find("button[data-testid='wrap-1']").Click();

        Assert.Equal("2x(1km interval threshold)", StepNotation.Format(_changed!));
    }

    [Fact]
    public void EditDuration_InPlace_UpdatesStep()
    {
        var cut = Render("10min warmup easy; 6x(800m interval interval; 90s recovery)");

        cut.Find("input[data-testid='duration-2.1']").Change("1km");

        Assert.Equal("10min warmup easy; 6x(1km interval interval; 90s recovery)", StepNotation.Format(_changed!));
    }

    [Fact]
    public void EditTarget_PaceWithoutAt_IsReadAsPace()
    {
        var cut = Render("800m interval interval");

        cut.Find("input[data-testid='target-1']").Change("3:50-4:00/km");

        Assert.Equal("800m interval @ 3:50-4:00/km", StepNotation.Format(_changed!));
    }

    [Fact]
    public void EditDuration_Garbage_ShowsFieldErrorAndKeepsTree()
    {
        var cut = Render("10min warmup easy");

        cut.Find("input[data-testid='duration-1']").Change("ten minutes");

        Assert.Null(_changed);
        Assert.Contains("Write a duration", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyNotation_Malformed_ShowsPositionAndKeepsText()
    {
        var cut = Render("10min warmup easy");

        cut.Find("textarea[data-testid='notation']").Input("6x(800m interval");
        cut.Find("button[data-testid='notation-apply']").Click();

        Assert.Null(_changed);
        Assert.Contains("at column 17", cut.Find("[data-testid='notation-error']").TextContent, StringComparison.Ordinal);
        Assert.Equal("6x(800m interval", cut.Find("textarea[data-testid='notation']").GetAttribute("value") ?? cut.Find("textarea[data-testid='notation']").TextContent);
        Assert.NotNull(cut.Find("[data-testid='node-1']"));
    }

    [Fact]
    public void ApplyNotation_Valid_ReplacesTree()
    {
        var cut = Render("10min warmup easy");

        cut.Find("textarea[data-testid='notation']").Input("5min warmup; 4x(200m interval repetition; 200m recovery)");
        cut.Find("button[data-testid='notation-apply']").Click();

        Assert.Equal("5min warmup; 4x(200m interval repetition; 200m recovery)", StepNotation.Format(_changed!));
        Assert.NotNull(cut.Find("[data-testid='node-2.2']"));
    }

    [Fact]
    public void Render_InvalidTree_ShowsValidatorMessageAndHighlightsNode()
    {
        var cut = Render("10min warmup; 0x(lap interval)");

        Assert.Contains("Repeat count 0", cut.Find("[data-testid='step-issues']").TextContent, StringComparison.Ordinal);
        Assert.Contains("step-invalid", cut.Find("[data-testid='node-2']").ClassName, StringComparison.Ordinal);
        Assert.Contains("step-invalid", cut.Find("[data-testid='node-2.1']").ClassName, StringComparison.Ordinal);
        Assert.DoesNotContain("step-invalid", cut.Find("[data-testid='node-1']").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithPersonalPaces_ShowsResolvedZone()
    {
        var paces = PersonalPaces.FromRace(5000, 20 * 60);

        var cut = _context.Render<StepTreeEditor>(p => p
            .Add(e => e.Steps, StepNotation.Parse("15min active threshold"))
            .Add(e => e.Paces, paces));

        Assert.Contains(paces.Zone(PaceZone.Threshold).ToString(), cut.Find("[data-testid='pace-1']").TextContent, StringComparison.Ordinal);
    }

    private IRenderedComponent<StepTreeEditor> Render(string notation) =>
        _context.Render<StepTreeEditor>(p => p
            .Add(e => e.Steps, StepNotation.Parse(notation))
            .Add(e => e.StepsChanged, steps => _changed = steps));
}
