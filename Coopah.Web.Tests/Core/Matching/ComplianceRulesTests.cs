using Coopah.Core.Garmin.Training;
using Coopah.Core.Matching;

namespace Coopah.Web.Tests.Core.Matching;

public sealed class ComplianceRulesTests
{
    private static readonly PlannedInterval Rep = new(0, 0, PlannedStepIntensity.Interval, PlannedDuration.Distance(800), PlannedTarget.PaceRange(225, 215), null);
    private static readonly PlannedInterval Jog = new(1, 1, PlannedStepIntensity.Recovery, PlannedDuration.Time(90), PlannedTarget.PaceRange(390, 360), null);

    /// <summary>A steady run at <paramref name="secondsPerKm"/> on the timer axis, one point a second.</summary>
    private static List<TracePoint> Steady(double secondsPerKm, double seconds) =>
        [.. Enumerable.Range(0, (int)seconds + 1).Select(t => new TracePoint(t, t * 1000 / secondsPerKm, null, null))];

    private static ExecutedInterval Interval(int step, double seconds, double metres) =>
        new(step, 0, 0, seconds, seconds, metres, null, null, IntervalSource.FitStepLaps);

    [Theory]
    [InlineData(220, true)]   // in the band
    [InlineData(210, true)]   // 2.3 % fast: inside the 3 % fast tolerance of a rep
    [InlineData(205, false)]  // 4.7 % fast
    [InlineData(228, true)]   // 1.3 % slow: inside the 1.5 % slow tolerance
    [InlineData(230, false)]  // 2.2 % slow: a slow rep is out sooner than a fast one
    public void Rep_ToleranceIsAsymmetric(double pace, bool inside) =>
        Assert.Equal(inside, ComplianceRules.InBand(pace, (215, 225), work: true));

    [Theory]
    [InlineData(420, true)]   // 7.7 % slower than a 6:00-6:30 recovery: fine
    [InlineData(435, false)]  // 11.5 % slower
    [InlineData(352, true)]   // 2.2 % faster: inside the 3 % fast tolerance
    [InlineData(345, false)]  // 4.2 % faster
    public void Recovery_SlowerIsTolerated(double pace, bool inside) =>
        Assert.Equal(inside, ComplianceRules.InBand(pace, (360, 390), work: false));

    [Fact]
    public void Rep_RunInTheBand_ScoresFullAndGreen()
    {
        var trace = Steady(220, 176);
        var score = ComplianceRules.ScoreInterval(Rep, Interval(0, 176, 800), trace);

        Assert.Equal(1.0, score.AchievedRatio!.Value, 6);
        Assert.Equal(1.0, score.TimeInTarget!.Value, 2);
        Assert.Equal(100, score.Score);
        Assert.Equal(ComplianceColour.Green, score.Colour);
    }

    [Fact]
    public void Rep_RunTooSlow_HasNoTimeInTarget_AndIsRed()
    {
        var trace = Steady(250, 200);
        var score = ComplianceRules.ScoreInterval(Rep, Interval(0, 200, 800), trace);

        Assert.Equal(0, score.TimeInTarget!.Value, 2);
        Assert.Equal(ComplianceColour.Red, score.Colour);
    }

    [Fact]
    public void Session_AllStepsDone_InBand_IsGreen100()
    {
        var trace = Steady(220, 176).Concat(Enumerable.Range(1, 90).Select(t => new TracePoint(176 + t, 800 + (t * 1000.0 / 380), null, null))).ToList();
        var intervals = new[] { Interval(0, 176, 800), new ExecutedInterval(1, 176, 176, 90, 90, 90 * 1000.0 / 380, null, null, IntervalSource.FitStepLaps) };

        var result = ComplianceRules.Score([Rep, Jog], intervals, trace, plannedSeconds: 176 + 90);

        Assert.Equal(100, result.CompletionPercent);
        Assert.Equal(ComplianceColour.Green, result.Colour);
        Assert.True(result.Score >= 95, result.Score.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Session_StoppedAfterTheFirstStep_IsNotGreen()
    {
        var trace = Steady(220, 176);
        var result = ComplianceRules.Score([Rep, Jog, Rep with { Index = 2 }], [Interval(0, 176, 800)], trace, plannedSeconds: 176 + 90 + 176);

        Assert.Equal(40, result.CompletionPercent);
        Assert.Equal(ComplianceColour.Red, result.Colour);
        Assert.True(result.Score < 50);
    }

    [Theory]
    [InlineData(0.79, ComplianceColour.Yellow)]
    [InlineData(0.80, ComplianceColour.Green)]
    [InlineData(1.20, ComplianceColour.Green)]
    [InlineData(1.21, ComplianceColour.Yellow)]
    [InlineData(1.50, ComplianceColour.Yellow)]
    [InlineData(1.51, ComplianceColour.Red)]
    [InlineData(0.49, ComplianceColour.Red)]
    [InlineData(0.50, ComplianceColour.Yellow)]
    public void CompletionBands_AreTrainingPeaks(double completion, ComplianceColour colour) =>
        Assert.Equal(colour, ComplianceRules.CompletionColour(completion));

    [Fact]
    public void AfterWorkoutStretch_DoesNotCountAgainstTheSession()
    {
        var trace = Steady(220, 200);
        var intervals = new[] { Interval(0, 176, 800), new ExecutedInterval(null, 176, 176, 24, 24, 40, null, null, IntervalSource.FitStepLaps) };

        var result = ComplianceRules.Score([Rep], intervals, trace, plannedSeconds: 176);

        Assert.Equal(100, result.CompletionPercent);
        Assert.Equal(2, result.Intervals.Count);
    }
}
