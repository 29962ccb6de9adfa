using Coopah.Core.Plans;

namespace Coopah.Web.Tests.Core.Plans;

public sealed class StepNotationTests
{
    [Theory]
    [InlineData("10min warmup easy; 6x(800m interval @ 3:50-4:00/km; 90s recovery); 10min cooldown")]
    [InlineData("1h30min active marathon")]
    [InlineData("5km active @ 4:30/km \"Race pace\"")]
    [InlineData("lap warmup; 2x(3x(200m interval repetition; 200m recovery); 3min rest); lap cooldown @ hr2")]
    [InlineData("45s interval @ hr5; 10min30s active threshold; 1h active; 1h0min5s rest")]
    [InlineData("lap interval @ 3:20-3:30/km \"Say \\\"go\\\" at C:\\\\\"")]
    public void Format_CanonicalText_ReproducesText(string text)
    {
        var steps = StepNotation.Parse(text);

        var printed = StepNotation.Format(steps);

        Assert.Equal(text.Replace("1h0min5s", "1h5s", StringComparison.Ordinal), printed);
    }

    [Fact]
    public void Parse_IssueExample_BuildsExpectedTree()
    {
        var steps = StepNotation.Parse("10min warmup easy; 6x(800m interval @ 3:50-4:00/km; 90s recovery); 10min cooldown");

        StepNode[] expected =
        [
            new WorkoutStep(StepIntensity.Warmup, StepDuration.Minutes(10), StepTarget.ForZone(PaceZone.Easy)),
            new RepeatBlock(6,
            [
                new WorkoutStep(StepIntensity.Interval, StepDuration.Metres(800), StepTarget.ForPace(230, 240)),
                new WorkoutStep(StepIntensity.Recovery, StepDuration.Seconds(90), StepTarget.Open),
            ]),
            new WorkoutStep(StepIntensity.Cooldown, StepDuration.Minutes(10), StepTarget.Open),
        ];
        Assert.Equal(expected, steps);
    }

    [Theory]
    [InlineData("10min", DurationKind.Time, 600)]
    [InlineData("90s", DurationKind.Time, 90)]
    [InlineData("1h30min", DurationKind.Time, 5400)]
    [InlineData("1h 30min 15s", DurationKind.Time, 5415)]
    [InlineData("2h", DurationKind.Time, 7200)]
    [InlineData("800m", DurationKind.Distance, 800)]
    [InlineData("5km", DurationKind.Distance, 5000)]
    [InlineData("1.5km", DurationKind.Distance, 1500)]
    [InlineData("21.1km", DurationKind.Distance, 21100)]
    [InlineData("10 MIN", DurationKind.Time, 600)]
    [InlineData("lap", DurationKind.Open, 0)]
    public void Parse_Duration_ReadsValue(string text, DurationKind kind, int value)
    {
        var step = Assert.IsType<WorkoutStep>(Assert.Single(StepNotation.Parse(text)));

        Assert.Equal(new StepDuration(kind, value), step.Duration);
        Assert.Equal(StepIntensity.Active, step.Intensity);
    }

    [Theory]
    [InlineData("10min easy", TargetKind.PaceZone, "easy")]
    [InlineData("10min @ threshold", TargetKind.PaceZone, "threshold")]
    [InlineData("10min interval interval", TargetKind.PaceZone, "interval")]
    [InlineData("10min active @ hr3", TargetKind.HeartRateZone, "3")]
    [InlineData("10min active @ 4:00 - 4:10 /km", TargetKind.PaceRange, "240-250")]
    [InlineData("10min active", TargetKind.Open, "")]
    public void Parse_Target_ReadsTarget(string text, TargetKind kind, string detail)
    {
        var step = Assert.IsType<WorkoutStep>(Assert.Single(StepNotation.Parse(text)));

        Assert.Equal(kind, step.Target.Kind);
        var actual = kind switch
        {
            TargetKind.PaceZone => step.Target.Zone!.Value.ToString().ToLowerInvariant(),
            TargetKind.HeartRateZone => step.Target.HeartRateZone!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            TargetKind.PaceRange => FormattableString.Invariant($"{step.Target.FastSecondsPerKm}-{step.Target.SlowSecondsPerKm}"),
            _ => string.Empty,
        };
        Assert.Equal(detail, actual);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_EmptyText_ReturnsNoSteps(string text)
    {
        var steps = StepNotation.Parse(text);

        Assert.Empty(steps);
    }

    [Theory]
    [InlineData("3 x ( 400m interval ; 1min rest )", 3)]
    [InlineData("3×(400m interval; 1min rest)", 3)]
    [InlineData("12X(400m interval; 1min rest)", 12)]
    public void Parse_RepeatSpellings_ReadCount(string text, int count)
    {
        var repeat = Assert.IsType<RepeatBlock>(Assert.Single(StepNotation.Parse(text)));

        Assert.Equal(count, repeat.Count);
        Assert.Equal(2, repeat.Steps.Count);
    }

    [Theory]
    [InlineData("10min warmup easy; ", 19, "a step")]
    [InlineData("10min warmupp", 6, "an intensity")]
    [InlineData("10mins", 2, "a unit")]
    [InlineData("10", 2, "a unit")]
    [InlineData("warmup 10min", 0, "a step")]
    [InlineData("6x(800m interval", 16, "';' or ')'")]
    [InlineData("6x800m", 2, "'('")]
    [InlineData("800m interval @ 3:50-4:00", 25, "'/km'")]
    [InlineData("800m interval @ 3:50", 20, "'-' or '/km'")]
    [InlineData("800m interval @ 3:5/km", 18, "two-digit seconds")]
    [InlineData("800m interval @ fast", 16, "a pace")]
    [InlineData("800m interval @ hr", 18, "heart-rate zone digit")]
    [InlineData("800m interval \"open note", 24, "a closing '\"'")]
    [InlineData("800m interval \"a\" easy", 18, "';' or end of input")]
    [InlineData("1.5m", 0, "a whole number")]
    [InlineData("1.2345km", 0, "whole metres")]
    [InlineData("10s 5min", 4, "an intensity")]
    [InlineData("1h30", 4, "'min' or 's'")]
    [InlineData("10min)", 5, "';' or end of input")]
    [InlineData("99999999999s", 0, "a smaller number")]
    public void Parse_InvalidText_ReportsPositionAndExpected(string text, int position, string expected)
    {
        var ex = Assert.Throws<NotationParseException>(() => StepNotation.Parse(text));

        Assert.Equal(position, ex.Position);
        Assert.Contains(expected, ex.Expected, StringComparison.Ordinal);
        Assert.Contains(FormattableString.Invariant($"column {position + 1}"), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_InvalidText_ReturnsErrorWithoutThrowing()
    {
        var ok = StepNotation.TryParse("10min warmup; 3x(", out var steps, out var error);

        Assert.False(ok);
        Assert.Empty(steps);
        Assert.NotNull(error);
        Assert.Equal(17, error.Position);
        Assert.Equal("end of input", error.Found);
    }

    [Fact]
    public void TryParse_ValidText_ReturnsSteps()
    {
        var ok = StepNotation.TryParse("10min warmup", out var steps, out var error);

        Assert.True(ok);
        Assert.Null(error);
        Assert.Single(steps);
    }

    [Theory]
    [InlineData(45, "45s")]
    [InlineData(90, "90s")]
    [InlineData(599, "599s")]
    [InlineData(600, "10min")]
    [InlineData(630, "10min30s")]
    [InlineData(3600, "1h")]
    [InlineData(5400, "1h30min")]
    [InlineData(3605, "1h5s")]
    public void FormatDuration_Time_UsesCanonicalUnits(int seconds, string expected)
    {
        var text = StepNotation.FormatDuration(StepDuration.Seconds(seconds));

        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData(800, "800m")]
    [InlineData(1500, "1500m")]
    [InlineData(5000, "5km")]
    [InlineData(42195, "42195m")]
    public void FormatDuration_Distance_UsesKilometresWhenWhole(int metres, string expected)
    {
        var text = StepNotation.FormatDuration(StepDuration.Metres(metres));

        Assert.Equal(expected, text);
    }
}
