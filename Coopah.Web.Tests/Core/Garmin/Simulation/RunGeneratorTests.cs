using System.Text.Json;
using Coopah.Core.Fit;
using Coopah.Core.Garmin.Push;
using Coopah.Core.Garmin.Simulation;
using Coopah.Core.Garmin.Training;
using Coopah.Web.Tests.Core.Fit;

namespace Coopah.Web.Tests.Core.Garmin.Simulation;

public sealed class RunGeneratorTests
{
    private static readonly DateTime Start = new(2026, 3, 14, 7, 0, 0, DateTimeKind.Utc);

    /// <summary>10 min warm-up, 4 x (800 m at 4:00-4:10 /km, 90 s recovery), lap-press cool-down.</summary>
    private static GarminWorkout Intervals() => new()
    {
        WorkoutName = "[S12] 4x800",
        Sport = "RUNNING",
        Segments =
        [
            new GarminWorkoutSegment
            {
                SegmentOrder = 1,
                Sport = "RUNNING",
                Steps =
                [
                    new GarminWorkoutStep { StepOrder = 1, Intensity = "WARMUP", DurationType = "TIME", DurationValue = 600 },
                    new GarminWorkoutRepeatStep
                    {
                        StepOrder = 2,
                        RepeatType = "REPEAT_UNTIL_STEPS_CMPLT",
                        RepeatValue = 4,
                        Steps =
                        [
                            new GarminWorkoutStep { StepOrder = 3, Intensity = "INTERVAL", DurationType = "DISTANCE", DurationValue = 800, TargetType = "PACE", TargetValueLow = 1000.0 / 250, TargetValueHigh = 1000.0 / 240 },
                            new GarminWorkoutStep { StepOrder = 4, Intensity = "RECOVERY", DurationType = "TIME", DurationValue = 90 },
                        ],
                    },
                    new GarminWorkoutStep { StepOrder = 5, Intensity = "COOLDOWN", DurationType = "OPEN" },
                ],
            },
        ],
    };

    [Fact]
    public void FromWorkout_RepeatBlock_IsUnrolledWithDefinitionStepIndexes()
    {
        var steps = SimulatedSteps.FromWorkout(Intervals(), easySpeed: 2.8);

        Assert.Equal(1 + (4 * 2) + 1, steps.Count);
        // The watch's FIT step order: the repeat's children (1, 2) come before the repeat step itself (3).
        Assert.Equal([0, 1, 2, 1, 2, 1, 2, 1, 2, 4], steps.Select(s => s.StepIndex));
        Assert.Equal(800, steps[1].Metres);
        Assert.Equal((4.0 + (1000.0 / 240)) / 2, steps[1].SpeedMetresPerSecond, 6);
        Assert.Equal(SimulatedSteps.OpenStepSeconds, steps[^1].Seconds);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(99)]
    public void Generate_SmartRecording_GapsOneToEightSecondsAndNeverOnALapStart(int seed)
    {
        var run = RunGenerator.Generate(SimulatedSteps.FromWorkout(Intervals(), 2.8), Start, 3600, seed);

        var gaps = run.Samples.Zip(run.Samples.Skip(1), (a, b) => (b.Time - a.Time).TotalSeconds).ToList();
        Assert.All(gaps, gap => Assert.InRange(gap, 1, 9));
        Assert.Contains(gaps, gap => gap > 1);
        var lapSeconds = run.Laps.Select(l => Math.Round((l.Start - Start).TotalSeconds)).ToHashSet();
        Assert.DoesNotContain(run.Samples, s => lapSeconds.Contains(Math.Round((s.Time - Start).TotalSeconds)));
        Assert.DoesNotContain(run.Laps.Skip(1), lap => lap.Start.Ticks % TimeSpan.TicksPerSecond == 0);
    }

    [Fact]
    public void Generate_Distances_AreMonotonicAndLapsAddUpToTheRun()
    {
        var run = RunGenerator.Generate(SimulatedSteps.FromWorkout(Intervals(), 2.8), Start, 0, 7);

        Assert.True(run.Samples.Zip(run.Samples.Skip(1)).All(p => p.Second.DistanceMetres >= p.First.DistanceMetres));
        Assert.Equal(run.DistanceMetres, run.Laps.Sum(l => l.DistanceMetres), 6);
        Assert.All(run.Laps.Where(l => l.StepIndex == 1), lap => Assert.Equal(800, lap.DistanceMetres, 6));
        Assert.True(run.Samples[^1].DistanceMetres <= run.DistanceMetres);
        Assert.Equal(run.EndUtc, run.Laps[^1].End);
    }

    [Fact]
    public void Generate_SameSeed_IsDeterministic()
    {
        var steps = SimulatedSteps.FromWorkout(Intervals(), 2.8);

        var first = RunGenerator.Generate(steps, Start, 0, 42);
        var second = RunGenerator.Generate(steps, Start, 0, 42);

        Assert.Equal(first.Samples, second.Samples);
        Assert.Equal(first.Laps, second.Laps);
    }

    [Fact]
    public void Payloads_ParseAsGarminNotificationsWithSamplesAndLaps()
    {
        var run = RunGenerator.Generate(SimulatedSteps.FromWorkout(Intervals(), 2.8), Start, 3600, 3);

        var summary = GarminNotificationParser.Parse(SimulatedRunPayloads.ActivitiesBody(run, "garmin-1", 123, "[S12] 4x800"));
        var details = GarminNotificationParser.Parse(SimulatedRunPayloads.ActivityDetailsBody(run, "garmin-1", 123, "[S12] 4x800"));

        var item = Assert.Single(summary.Items);
        Assert.Equal("123", item.SummaryId);
        var activity = (GarminActivitySummary)item.Payload;
        Assert.Equal(3600, activity.StartTimeOffsetInSeconds);
        Assert.Equal("[S12] 4x800", activity.ActivityName);
        var detail = (GarminActivityDetail)Assert.Single(details.Items).Payload;
        Assert.Equal(run.Samples.Count, detail.Samples.Count);
        Assert.Equal(run.Laps.Count, detail.Laps.Count);
        Assert.Equal("123-detail", detail.SummaryId);
    }

    [Fact]
    public void FitFile_DecodesWithExactLapTotalsAndWorkoutStepIndexes()
    {
        var run = RunGenerator.Generate(SimulatedSteps.FromWorkout(Intervals(), 2.8), Start, 0, 5);

        var activity = FitActivity.Decode(SimulatedRunPayloads.FitFile(run));

        Assert.Equal(run.Laps.Count, activity.Laps.Count);
        Assert.Equal(run.Laps.Select(l => l.StepIndex), activity.Laps.Select(l => l.WktStepIndex));
        Assert.Equal(run.Laps[1].DistanceMetres, activity.Laps[1].TotalDistance!.Value, 1);
        Assert.Equal("interval", activity.Laps[1].Intensity);
        Assert.Equal(run.Samples.Count, activity.Records.Count);
    }

    [Fact]
    public void FitFile_PassesGarminsOwnDecoder()
    {
        FitTestEnvironment.RequireOracle();
        var run = RunGenerator.Generate(SimulatedSteps.FromWorkout(Intervals(), 2.8), Start, 0, 11);
        var path = Path.Combine(FitTestEnvironment.TempDir("simulated-run"), "run.fit");
        File.WriteAllBytes(path, SimulatedRunPayloads.FitFile(run));

        var result = FitTestEnvironment.Node("decode.mjs", [path, "--summary"]);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Contains("lap", result.Stdout, StringComparison.Ordinal);
    }
}
