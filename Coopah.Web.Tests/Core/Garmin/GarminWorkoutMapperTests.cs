using System.Text;
using System.Text.Json;
using Coopah.Core.Garmin;
using Coopah.Core.Garmin.Training;

namespace Coopah.Web.Tests.Core.Garmin;

public sealed class GarminWorkoutMapperTests
{
    private static readonly PlannedStep Jog = new(PlannedStepIntensity.Recovery, PlannedDuration.Time(90), PlannedTarget.Open);

    public static PlannedWorkout EasyRun() => new(
        "Easy run", "E-0412", "Conversational pace. Keep it relaxed.",
        [new PlannedStep(PlannedStepIntensity.Active, PlannedDuration.Time(2700), PlannedTarget.PaceRange(375, 345), "Easy, can talk in sentences")]);

    public static PlannedWorkout Intervals6x800() => new(
        "6 x 800 m", "I-0415", "Two sets of three 800s at 5k pace, 90 s jog between, 3 min standing rest between sets.",
        [
            new PlannedStep(PlannedStepIntensity.Warmup, PlannedDuration.Time(900), PlannedTarget.HeartRateZone(2)),
            new PlannedRepeat(2,
            [
                new PlannedRepeat(3,
                [
                    new PlannedStep(PlannedStepIntensity.Interval, PlannedDuration.Distance(800), PlannedTarget.PaceRange(245, 235)),
                    Jog,
                ], SkipLastRestStep: true),
                new PlannedStep(PlannedStepIntensity.Rest, PlannedDuration.Time(180), PlannedTarget.Open),
            ]),
            new PlannedStep(PlannedStepIntensity.Cooldown, PlannedDuration.Time(600), PlannedTarget.Open),
        ]);

    public static PlannedWorkout Tempo() => new(
        "Tempo 3 x 10 min", "T-0417", null,
        [
            new PlannedStep(PlannedStepIntensity.Warmup, PlannedDuration.Distance(2000), PlannedTarget.Open),
            new PlannedRepeat(3,
            [
                new PlannedStep(PlannedStepIntensity.Interval, PlannedDuration.Time(600), PlannedTarget.PaceRange(272.5, 265)),
                new PlannedStep(PlannedStepIntensity.Recovery, PlannedDuration.Time(120), PlannedTarget.HeartRateZone(1)),
            ]),
            new PlannedStep(PlannedStepIntensity.Cooldown, PlannedDuration.Distance(1500), PlannedTarget.Open),
        ]);

    public static PlannedWorkout OpenCooldown() => new(
        "Long run + strides", "L-0420", "Long run, then strides, then jog home until you press lap.",
        [
            new PlannedStep(PlannedStepIntensity.Active, PlannedDuration.Distance(16093.4), PlannedTarget.HeartRateZone(2)),
            new PlannedRepeat(4,
            [
                new PlannedStep(PlannedStepIntensity.Interval, PlannedDuration.Time(20), PlannedTarget.Open, "Strides: fast but relaxed"),
                new PlannedStep(PlannedStepIntensity.Recovery, PlannedDuration.Open, PlannedTarget.Open, "Walk back, lap when ready"),
            ]),
            new PlannedStep(PlannedStepIntensity.Cooldown, PlannedDuration.Open, PlannedTarget.Open),
        ]);

    public static TheoryData<string> GoldenNames => ["easy-run", "intervals-6x800", "tempo", "open-cooldown"];

    private static PlannedWorkout Session(string name) => name switch
    {
        "easy-run" => EasyRun(),
        "intervals-6x800" => Intervals6x800(),
        "tempo" => Tempo(),
        "open-cooldown" => OpenCooldown(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(GoldenNames))]
    public void Map_RepresentativeSession_MatchesGoldenJson(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Core", "Garmin", "Golden", name + ".json");

        var actual = JsonSerializer.Serialize(GarminWorkoutMapper.Map(Session(name)), GarminJsonContext.Default.GarminWorkout);

        if (Environment.GetEnvironmentVariable("COOPAH_UPDATE_GOLDEN") == "1")
        {
            UpdateGolden(name, actual);
        }

        Assert.True(File.Exists(path), "Missing golden file " + path);
        Assert.Equal(Minify(File.ReadAllText(path)), actual);
    }

    [Fact]
    public void Map_NestedRepeats_NumbersStepOrderThroughTheTree()
    {
        var workout = GarminWorkoutMapper.Map(Intervals6x800());

        var steps = workout.Segments.Single().Steps;
        var outer = Assert.IsType<GarminWorkoutRepeatStep>(steps[1]);
        var inner = Assert.IsType<GarminWorkoutRepeatStep>(outer.Steps[0]);
        Assert.Equal([1, 2, 7], steps.Select(Order));
        Assert.Equal([3, 6], outer.Steps.Select(Order));
        Assert.Equal([4, 5], inner.Steps.Select(Order));
        Assert.Equal(3, inner.RepeatValue);
        Assert.Equal(2, outer.RepeatValue);
        Assert.Equal(7, GarminWorkoutMapper.CountSteps(Intervals6x800()));
    }

    private static int Order(GarminWorkoutStepBase step) => step switch
    {
        GarminWorkoutStep s => s.StepOrder,
        GarminWorkoutRepeatStep r => r.StepOrder,
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    [Theory]
    [InlineData(375, 345, 2.6667, 2.8986)]
    [InlineData(345, 375, 2.6667, 2.8986)]
    [InlineData(240, 240, 4.1667, 4.1667)]
    [InlineData(250, 240, 4.0, 4.1667)]
    public void Map_PaceRange_LowIsSlowerPaceSpeedInMetresPerSecond(double a, double b, double low, double high)
    {
        var workout = GarminWorkoutMapper.Map(new PlannedWorkout("P", "P1", null,
            [new PlannedStep(PlannedStepIntensity.Active, PlannedDuration.Time(60), PlannedTarget.PaceRange(a, b))]));

        var step = Assert.IsType<GarminWorkoutStep>(workout.Segments.Single().Steps.Single());
        Assert.Equal("PACE", step.TargetType);
        Assert.Equal(low, step.TargetValueLow);
        Assert.Equal(high, step.TargetValueHigh);
        Assert.True(step.TargetValueLow <= step.TargetValueHigh);
    }

    [Theory]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void Map_StepCount_EnforcesGarminLimitOf100(int steps, bool ok)
    {
        // One repeat block + (steps - 1) children = steps Garmin steps.
        var children = Enumerable.Range(0, steps - 1).Select(_ => (PlannedWorkoutNode)Jog).ToList();
        var planned = new PlannedWorkout("Many", "M1", null, [new PlannedRepeat(2, children)]);

        var count = GarminWorkoutMapper.CountSteps(planned);
        var ex = Record.Exception(() => GarminWorkoutMapper.Map(planned));

        Assert.Equal(steps, count);
        Assert.Equal(ok, ex is null);
        if (!ok)
        {
            Assert.IsType<GarminWorkoutMappingException>(ex);
        }
    }

    [Fact]
    public void Map_LongDescriptionAndNote_TruncatesAtGarminLimits()
    {
        var planned = new PlannedWorkout("Long", "D1", new string('d', 2000),
            [new PlannedStep(PlannedStepIntensity.Active, PlannedDuration.Time(60), PlannedTarget.Open, new string('n', 600))]);

        var workout = GarminWorkoutMapper.Map(planned);

        Assert.Equal(1024, workout.Description!.Length);
        Assert.EndsWith("…", workout.Description, StringComparison.Ordinal);
        var step = Assert.IsType<GarminWorkoutStep>(workout.Segments.Single().Steps.Single());
        Assert.Equal(512, step.Description!.Length);
    }

    [Fact]
    public void Truncate_SurrogatePairAtCut_DoesNotSplitIt()
    {
        var text = new string('a', 8) + "😀😀😀";

        var truncated = GarminWorkoutMapper.Truncate(text, 10);

        Assert.True(truncated.Length <= 10);
        Assert.Equal(new string('a', 8) + "…", truncated);
        Assert.Equal("short", GarminWorkoutMapper.Truncate("short", 10));
    }

    [Theory]
    [InlineData("E-0412", "Easy run", "[E-0412] Easy run")]
    [InlineData("X", "  ", "[X]")]
    [InlineData("abc_DEF-123", "Name", "[abc_DEF-123] Name")]
    public void FormatWorkoutName_CodeAndName_PrefixesCodeAndRoundTrips(string code, string name, string expected)
    {
        var formatted = GarminWorkoutMapper.FormatWorkoutName(code, name);

        Assert.Equal(expected, formatted);
        Assert.True(GarminWorkoutMapper.TryExtractSessionCode(formatted, out var extracted));
        Assert.Equal(code, extracted);
    }

    [Fact]
    public void FormatWorkoutName_VeryLongName_KeepsCodeAndCaps()
    {
        var formatted = GarminWorkoutMapper.FormatWorkoutName("C1", new string('x', 300));

        Assert.Equal(GarminWorkoutMapper.WorkoutNameMaxLength, formatted.Length);
        Assert.StartsWith("[C1] ", formatted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("[x]")]
    [InlineData("ABCDEFGHIJKLMNOPQ")]
    public void FormatWorkoutName_InvalidCode_Throws(string code)
    {
        Assert.Throws<GarminWorkoutMappingException>(() => GarminWorkoutMapper.FormatWorkoutName(code, "Name"));
    }

    [Theory]
    [InlineData("Morning Run", false, "")]
    [InlineData("[T-0417] Tempo 3 x 10 min", true, "T-0417")]
    [InlineData("  [T-0417]", true, "T-0417")]
    [InlineData("Tempo [T-0417]", false, "")]
    [InlineData(null, false, "")]
    public void TryExtractSessionCode_ActivityName_FindsLeadingCode(string? name, bool found, string code)
    {
        var ok = GarminWorkoutMapper.TryExtractSessionCode(name, out var extracted);

        Assert.Equal(found, ok);
        Assert.Equal(code, extracted);
    }

    [Theory]
    [InlineData("[CP30] 6 x 800 m", "6 x 800 m")]
    [InlineData("  [T-0417]   Tempo ", "Tempo")]
    [InlineData("[CP30]", "")]
    [InlineData("Tempo [CP30]", "Tempo [CP30]")]
    [InlineData("[not a code!] Run", "[not a code!] Run")]
    [InlineData(null, "")]
    public void WithoutSessionCode_Name_DropsOnlyTheLeadingCode(string? name, string expected) =>
        Assert.Equal(expected, GarminWorkoutMapper.WithoutSessionCode(name));

    public static TheoryData<PlannedWorkout> InvalidWorkouts => new()
    {
        new PlannedWorkout("Empty", "E1", null, []),
        new PlannedWorkout("Zero", "Z1", null, [new PlannedStep(PlannedStepIntensity.Active, PlannedDuration.Time(0), PlannedTarget.Open)]),
        new PlannedWorkout("Neg", "N1", null, [new PlannedStep(PlannedStepIntensity.Active, PlannedDuration.Distance(-5), PlannedTarget.Open)]),
        new PlannedWorkout("Zone0", "Z0", null, [new PlannedStep(PlannedStepIntensity.Active, PlannedDuration.Time(60), PlannedTarget.HeartRateZone(0))]),
        new PlannedWorkout("Zone6", "Z6", null, [new PlannedStep(PlannedStepIntensity.Active, PlannedDuration.Time(60), PlannedTarget.HeartRateZone(6))]),
        new PlannedWorkout("Pace0", "P0", null, [new PlannedStep(PlannedStepIntensity.Active, PlannedDuration.Time(60), PlannedTarget.PaceRange(0, 300))]),
        new PlannedWorkout("Rep0", "R0", null, [new PlannedRepeat(0, [Jog])]),
        new PlannedWorkout("RepEmpty", "R1", null, [new PlannedRepeat(2, [])]),
    };

    [Theory]
    [MemberData(nameof(InvalidWorkouts))]
    public void Map_InvalidWorkout_ThrowsMappingException(PlannedWorkout planned)
    {
        Assert.Throws<GarminWorkoutMappingException>(() => GarminWorkoutMapper.Map(planned));
    }

    [Fact]
    public void Map_AnySession_UsesGarminEnumsOnly()
    {
        var all = new[] { EasyRun(), Intervals6x800(), Tempo(), OpenCooldown() }.Select(GarminWorkoutMapper.Map).ToList();

        var steps = all.SelectMany(w => Flatten(w.Segments.Single().Steps)).ToList();

        Assert.All(all, w => Assert.Contains(w.Sport, GarminTrainingValues.Sports));
        Assert.All(steps.OfType<GarminWorkoutStep>(), s =>
        {
            Assert.Contains(s.Intensity, GarminTrainingValues.Intensities);
            Assert.Contains(s.DurationType, GarminTrainingValues.DurationTypes);
            Assert.Contains(s.TargetType!, GarminTrainingValues.TargetTypes);
        });
        Assert.All(steps.OfType<GarminWorkoutRepeatStep>(), r => Assert.Contains(r.RepeatType, GarminTrainingValues.RepeatTypes));
        Assert.All(all, w => Assert.Equal(GarminTrainingValues.CountSteps(w.Segments.Single().Steps), Flatten(w.Segments.Single().Steps).Count()));
    }

    private static IEnumerable<GarminWorkoutStepBase> Flatten(IEnumerable<GarminWorkoutStepBase> steps) =>
        steps.SelectMany(s => s is GarminWorkoutRepeatStep r ? Flatten(r.Steps).Prepend(s) : [s]);

    [Fact]
    public void Serialize_MappedWorkout_RoundTripsThroughJsonContext()
    {
        var workout = GarminWorkoutMapper.Map(Intervals6x800());
        var json = JsonSerializer.Serialize(workout, GarminJsonContext.Default.GarminWorkout);

        var back = JsonSerializer.Deserialize(json, GarminJsonContext.Default.GarminWorkout)!;

        Assert.Equal(json, JsonSerializer.Serialize(back, GarminJsonContext.Default.GarminWorkout));
    }

    private static void UpdateGolden(string name, string json, [System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        using var document = JsonDocument.Parse(json);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            document.WriteTo(writer);
        }

        var text = Encoding.UTF8.GetString(stream.ToArray()) + "\n";
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(sourceFile)!, "Golden", name + ".json"), text);
    }

    private static string Minify(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
