using Bunit;
using Coopah.Core.Matching;
using Coopah.Web.Components.Runs;
using Coopah.Web.Matching;
using Coopah.Web.Tests.Infrastructure;

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
}
