using Bunit;
using Coopah.Core.Matching;
using Coopah.Web.Components.Runs;
using Coopah.Web.Components.Shared;
using Coopah.Web.Matching;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Coopah.Web.Tests.Components.Runs;

public sealed class RunComponentsTests : IAsyncLifetime
{
    private readonly MudBunitContext _context = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private static RunIntervalRow Row(int? step, string label, double seconds, double metres, ComplianceColour colour, int score = 90,
        int? repeat = null, int? of = null, double? fast = null, double? slow = null, string intensity = "Interval", double start = 0) =>
        new(step, label, intensity, repeat, of, step is null ? "None" : "Distance", step is null ? null : 800, fast, slow,
            1_700_000_000 + start, start, seconds, seconds, metres, 160, 170, 1.0, 0.9, score, colour, IntervalSource.FitStepLaps);

    [Fact]
    public void IntervalTable_NumbersRepeats_ShowsPreciseTimes_AndLabelsEveryColour()
    {
        IReadOnlyList<RunIntervalRow> rows =
        [
            Row(0, "Warm up 10:00", 600, 1800, ComplianceColour.Green, intensity: "Warmup"),
            Row(1, "Interval 800 m", 175.43, 800, ComplianceColour.Yellow, 65, 1, 6, 215, 225),
            Row(2, "Interval 800 m", 181.2, 800, ComplianceColour.Red, 30, 2, 6, 215, 225),
            Row(null, "After the workout", 12.3, 20, ComplianceColour.Grey),
        ];

        var table = _context.Render<IntervalTable>(p => p.Add(t => t.Rows, rows));

        var cells = table.FindAll("[data-testid=interval-row]");
        Assert.Equal(4, cells.Count);
        Assert.Contains("(1 of 6)", cells[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("2:55.4", cells[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("3:35-3:45/km", cells[1].TextContent, StringComparison.Ordinal);
        Assert.Equal(["On target · 90", "Partly · 65", "Off target · 30"], table.FindAll("[data-testid=state-chip]").Select(c => c.TextContent.Trim()));
        Assert.Contains("after-workout", cells[3].ClassName, StringComparison.Ordinal);
        Assert.Empty(cells[3].QuerySelectorAll("[data-testid=state-chip]"));
    }

    [Theory]
    [InlineData(RunState.OnTarget, "On target", "state-ontarget")]
    [InlineData(RunState.Partly, "Partly", "state-partly")]
    [InlineData(RunState.OffTarget, "Off target", "state-offtarget")]
    [InlineData(RunState.Missed, "Missed", "state-missed")]
    [InlineData(RunState.Unplanned, "Unplanned", "state-unplanned")]
    public void StateChip_CarriesALabelAndAnIcon_NotOnlyAColour(RunState state, string label, string css)
    {
        var chip = _context.Render<StateChip>(p => p.Add(c => c.State, state));

        var span = chip.Find("[data-testid=state-chip]");
        Assert.Equal(label, span.TextContent.Trim());
        Assert.Contains(css, span.ClassName, StringComparison.Ordinal);
        Assert.NotNull(span.QuerySelector("svg"));
    }

    [Fact]
    public void PaceBars_OneBarPerIntervalWithPace_BandsOnlyWhereTheStepHasATarget()
    {
        IReadOnlyList<RunIntervalRow> rows =
        [
            Row(0, "Warm up", 600, 1800, ComplianceColour.Green, intensity: "Warmup"),
            Row(1, "Interval 800 m", 176, 800, ComplianceColour.Green, 100, 1, 2, 215, 225, start: 600),
            Row(2, "Rest", 60, 0, ComplianceColour.Green, intensity: "Rest", start: 776),
        ];

        var bars = RunChartData.PaceBars(rows);
        var chart = _context.Render<PaceBarsChart>(p => p.Add(c => c.Rows, rows));

        Assert.Equal([1, 2], bars.Select(b => b.Number));
        Assert.Equal(333.3, bars[0].PaceSecondsPerKm, 1);
        Assert.Equal(220, bars[1].PaceSecondsPerKm, 1);
        Assert.Equal((215.0, 225.0), (bars[1].BandFast!.Value, bars[1].BandSlow!.Value));
        Assert.Equal(2, chart.FindAll("[data-testid=pace-bar]").Count);
        Assert.Single(chart.FindAll("[data-testid=pace-band]"));
        Assert.Equal("220", chart.FindAll("[data-testid=pace-bar]")[1].GetAttribute("data-pace"));
        // The bars' colour is named in the legend and in each bar's tooltip.
        Assert.Equal(["On target", "Target band"], chart.Find("[data-testid=pace-bars-legend]").Children.Select(c => c.TextContent.Trim()));
        Assert.EndsWith("On target", chart.FindAll("[data-testid=pace-bar] title")[1].TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void TraceChart_PaceFromTheDistanceCurve_StandingStillIsAGap_StepsShaded()
    {
        // 4:00 /km for 60 s, then standing for 30 s, then 5:00 /km for 60 s.
        var timer = new List<double>();
        var distance = new List<double>();
        for (var t = 0; t <= 150; t++)
        {
            timer.Add(t);
            distance.Add(t <= 60 ? t * 1000 / 240.0 : t <= 90 ? 250 : 250 + ((t - 90) * 1000 / 300.0));
        }

        var trace = new RunTrace([.. timer], [.. distance], [.. timer.Select(_ => (double?)150)]);
        var pace = RunChartData.Pace(trace);
        IReadOnlyList<RunIntervalRow> rows = [Row(0, "Rep", 60, 250, ComplianceColour.Green), Row(1, "Rest", 90, 200, ComplianceColour.Green, intensity: "Rest", start: 60)];
        var chart = _context.Render<RunTraceChart>(p => p.Add(c => c.Trace, trace).Add(c => c.Rows, rows));

        Assert.Equal(240, pace.Single(p => p.Seconds == 30).Value, 1);
        Assert.Equal(300, pace.Single(p => p.Seconds == 120).Value, 1);
        Assert.DoesNotContain(pace, p => p.Seconds == 75);
        Assert.Equal(2, chart.FindAll("[data-testid=step-band]").Count);
        Assert.Contains("step-work", chart.FindAll("[data-testid=step-band]")[0].GetAttribute("class"), StringComparison.Ordinal);
        Assert.NotNull(chart.Find("[data-testid=hr-line]"));
    }

    [Fact]
    public void SplitTable_ListsAutoLapsAsSplits()
    {
        IReadOnlyList<LapSplit> splits = [new(1, 0, 0, 245.6, 1000, 150), new(2, 245.6, 245.6, 250.1, 1000, 155)];

        var table = _context.Render<SplitTable>(p => p.Add(t => t.Splits, splits));

        var rows = table.FindAll("[data-testid=split-row]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("4:05.6", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("4:06 /km", rows[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreHelp_OpensOnAClick_AndExplainsTheScoreAsApplied()
    {
        var popovers = _context.Render<MudPopoverProvider>();
        var help = _context.Render<ScoreHelp>();
        Assert.Empty(popovers.FindAll("[data-testid=score-help-text]"));

        await help.Find("button[data-testid=score-help], [data-testid=score-help] button").ClickAsync(new());

        await popovers.WaitForAssertionAsync(() => Assert.Equal(ComplianceRules.Help, popovers.Find("[data-testid=score-help-text]").TextContent.Trim()));
        await popovers.Find("button[data-testid=score-help-close], [data-testid=score-help-close] button").ClickAsync(new());
        await popovers.WaitForAssertionAsync(() => Assert.Empty(popovers.FindAll("[data-testid=score-help-text]")));
    }

    [Fact]
    public void RunTable_ForTheCoach_NamesEachRunsAthlete_LinkedToTheAthletePage()
    {
        IReadOnlyList<RunListItem> runs =
        [
            new(41, "runner-a", "Ada Runner", new DateOnly(2026, 11, 30), new DateTime(2026, 11, 30, 7, 5, 0), "[CP12] Tempo", true, 8000, 2400, 150, 12, "Tempo", MatchMethod.SessionCode, 91, ComplianceColour.Green, false, false),
        ];

        var withRunner = _context.Render<RunTable>(p => p.Add(t => t.Runs, runs).Add(t => t.ShowRunner, true));
        var own = _context.Render<RunTable>(p => p.Add(t => t.Runs, runs));

        var athlete = withRunner.Find("[data-testid=run-athlete]");
        Assert.Equal("Ada Runner", athlete.TextContent.Trim());
        Assert.Equal("coach/athletes/runner-a", athlete.GetAttribute("href"));
        Assert.Equal("runs/41", withRunner.Find("[data-testid=run-link]").GetAttribute("href"));
        Assert.Equal("Tempo", withRunner.Find("[data-testid=run-link]").TextContent.Trim());
        Assert.Empty(own.FindAll("[data-testid=run-athlete]"));
    }

    [Fact]
    public void CommentThread_ShowsEachCommentInOrder_WithItsAuthorSideAndTime()
    {
        IReadOnlyList<RunCommentView> comments =
        [
            new(1, "coach", "Anna Coach", true, "Good reps", new DateTime(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc)),
            new(2, "runner", "Cara Runner", false, "Thanks!", new DateTime(2026, 11, 30, 9, 30, 0, DateTimeKind.Utc)),
        ];
        _context.AddAuthorization();
        // Rendering reads nothing: the service is only called on Send.
        _context.Services.AddSingleton(new RunDetails(null!, TimeProvider.System));

        var thread = _context.Render<CommentThread>(p => p.Add(c => c.RunId, 1).Add(c => c.Comments, comments));

        var shown = thread.FindAll("[data-testid=comment]");
        Assert.Equal(2, shown.Count);
        Assert.Contains("Anna Coach (coach)", shown[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Good reps", shown[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("by-coach", shown[0].ClassName, StringComparison.Ordinal);
        Assert.Contains("Cara Runner (runner)", shown[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Mon 30 Nov 2026, 09:30", shown[1].TextContent, StringComparison.Ordinal);
        Assert.Empty(thread.FindAll("[data-testid=no-comments]"));
    }
}
