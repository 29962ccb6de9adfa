using Coopah.Core.Fit;
using Coopah.Core.Garmin.Push;
using Coopah.Core.Garmin.Simulation;
using Coopah.Web.Tests.Core.Fit;

namespace Coopah.Web.Tests.Core.Garmin.Simulation;

/// <summary>The simulator's departures from the plan: pace factor, cutting short, auto-lap recording.</summary>
public sealed class RunVariationTests
{
    private static readonly DateTime Start = new(2026, 3, 14, 7, 0, 0, DateTimeKind.Utc);

    /// <summary>10 min warm-up at 6:00 /km, 5 km at 5:00 /km, 10 min cool-down.</summary>
    private static IReadOnlyList<SimulatedStep> Steps() =>
    [
        new(0, "WARMUP", 600, null, 1000.0 / 360),
        new(1, "ACTIVE", null, 5000, 1000.0 / 300),
        new(2, "COOLDOWN", 600, null, 1000.0 / 360),
    ];

    [Fact]
    public void Generate_NoVariation_IsTheDefaultRun()
    {
        var plain = RunGenerator.Generate(Steps(), Start, 0, 8);
        var none = RunGenerator.Generate(Steps(), Start, 0, 8, RunVariation.None);

        Assert.Equal(plain.Samples, none.Samples);
        Assert.Equal(plain.Laps, none.Laps);
    }

    [Theory]
    [InlineData(1.12)]
    [InlineData(0.82)]
    public void Generate_PaceFactor_ScalesTheSpeed(double factor)
    {
        var plain = RunGenerator.Generate(Steps(), Start, 0, 8);
        var varied = RunGenerator.Generate(Steps(), Start, 0, 8, new RunVariation { PaceFactor = factor });

        // Same seed, same wobble: a time step's speed is the factor times the plain one.
        Assert.All([0, 2], i => Assert.Equal(plain.Laps[i].AverageSpeed * factor, varied.Laps[i].AverageSpeed, 9));
        // The distance step takes less (faster) or more (slower) time; the time steps cover more or less ground.
        Assert.Equal(5000, varied.Laps[1].DistanceMetres, 6);
        Assert.Equal(plain.Laps[1].Seconds / factor, varied.Laps[1].Seconds, 1.5);
        Assert.Equal(plain.Laps[0].DistanceMetres * factor, varied.Laps[0].DistanceMetres, 5);
    }

    [Fact]
    public void Generate_CompletedShare_StopsEarly()
    {
        var plain = RunGenerator.Generate(Steps(), Start, 0, 3);
        var cut = RunGenerator.Generate(Steps(), Start, 0, 3, new RunVariation { CompletedShare = 0.45 });

        Assert.InRange(cut.DurationSeconds / plain.DurationSeconds, 0.40, 0.50);
        Assert.Equal(2, cut.Laps.Count);
        Assert.Equal([0, 1], cut.Laps.Select(l => l.StepIndex ?? -1));
    }

    [Fact]
    public void Generate_AutoLap_LapsEvery1000MetresWithoutStepIndexes()
    {
        var run = RunGenerator.Generate(Steps(), Start, 3600, 5, new RunVariation { AutoLapMetres = 1000 });

        Assert.All(run.Laps, lap => Assert.Null(lap.StepIndex));
        Assert.All(run.Laps.SkipLast(1), lap => Assert.Equal(1000, lap.DistanceMetres, 6));
        Assert.InRange(run.Laps[^1].DistanceMetres, 1, 1001);
        Assert.Equal((int)Math.Ceiling((run.DistanceMetres - 1) / 1000), run.Laps.Count);
        Assert.Equal(run.DistanceMetres, run.Laps.Sum(l => l.DistanceMetres), 6);
        // Samples never land on a lap start, and the distance recorded at a lap start's moment is its kilometre.
        var lapSeconds = run.Laps.Select(l => Math.Round((l.Start - Start).TotalSeconds)).ToHashSet();
        Assert.DoesNotContain(run.Samples, s => lapSeconds.Contains(Math.Round((s.Time - Start).TotalSeconds)));
    }

    [Fact]
    public void Payloads_AutoLap_DetailsLapStartsAtEachKilometre_FitLapsByDistance()
    {
        var run = RunGenerator.Generate(Steps(), Start, 0, 6, new RunVariation { AutoLapMetres = 1000 });

        var detail = (GarminActivityDetail)Assert.Single(GarminNotificationParser.Parse(SimulatedRunPayloads.ActivityDetailsBody(run, "g", 1, "Morning Run")).Items).Payload;
        Assert.Equal(run.Laps.Select(l => (long)Math.Round((l.Start - DateTime.UnixEpoch).TotalSeconds)), detail.Laps.Select(l => l.StartTimeInSeconds ?? 0));
        var fit = FitActivity.Decode(SimulatedRunPayloads.FitFile(run));
        Assert.Equal(run.Laps.Count, fit.Laps.Count);
        Assert.All(fit.Laps, lap => Assert.Null(lap.WktStepIndex));
        Assert.All(fit.Laps.SkipLast(1), lap => Assert.Equal("distance", lap.LapTrigger));
        Assert.All(fit.Laps.SkipLast(1), lap => Assert.Equal(1000, lap.TotalDistance!.Value, 1));
        Assert.Null(fit.Workout);
    }

    [Fact]
    public void FitFile_AutoLap_PassesGarminsOwnDecoder()
    {
        FitTestEnvironment.RequireOracle();
        var run = RunGenerator.Generate(Steps(), Start, 0, 12, new RunVariation { AutoLapMetres = 1000, PaceFactor = 0.9 });
        var path = Path.Combine(FitTestEnvironment.TempDir("auto-lap-run"), "run.fit");
        File.WriteAllBytes(path, SimulatedRunPayloads.FitFile(run));

        var result = FitTestEnvironment.Node("decode.mjs", [path, "--summary"]);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("lap", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_WithVariation_SameSeed_IsDeterministic_OtherSeed_Differs()
    {
        var variation = new RunVariation { PaceFactor = 0.9, AutoLapMetres = 1000, CompletedShare = 0.8 };

        var first = RunGenerator.Generate(Steps(), Start, 0, 42, variation);
        var second = RunGenerator.Generate(Steps(), Start, 0, 42, variation);
        var other = RunGenerator.Generate(Steps(), Start, 0, 43, variation);

        Assert.Equal(first.Samples, second.Samples);
        Assert.Equal(first.Laps, second.Laps);
        Assert.NotEqual(first.Samples, other.Samples);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(1, 1.5)]
    public void Generate_InvalidVariation_Throws(double paceFactor, double share) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RunGenerator.Generate(Steps(), Start, 0, 1, new RunVariation { PaceFactor = paceFactor, CompletedShare = share }));
}
