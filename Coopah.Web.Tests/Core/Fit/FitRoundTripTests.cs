using Coopah.Core.Fit;

namespace Coopah.Web.Tests.Core.Fit;

/// <summary>Files written by our encoder pass Garmin's integrity check and decode identically in both decoders.</summary>
public sealed class FitRoundTripTests
{
    public static IEnumerable<object[]> ActivitySources() =>
    [
        ["activity-default"], ["activity-legacy-dev"], ["activity-early-pause-400m"], ["run-5x1k-pause-missed-lap"], ["run-smart-recording"],
    ];

    [Theory]
    [MemberData(nameof(ActivitySources))]
    public void EncodeActivity_DecodedSyntheticActivity_PassesGarminAndMatchesCanonically(string name)
    {
        var source = FitSyntheticFiles.PathOf(name);
        var activity = FitActivity.From(FitDecoder.Decode(File.ReadAllBytes(source)));

        var bytes = FitEncoder.EncodeActivity(activity);

        AssertRoundTrip(bytes, expectedCanonical: FitTestEnvironment.NodeOk("canon.mjs", source));
    }

    [Theory]
    [InlineData("activity-small-fenix2-run.fit")]
    [InlineData("running-with-developer-data.fit")]
    [InlineData("garmin-fenix-5-run.fit")]
    public void EncodeActivity_DeviceFile_PassesGarminAndMatchesCanonically(string sample)
    {
        FitTestEnvironment.RequireSamples();
        var source = FitTestEnvironment.Sample(sample);
        var activity = FitActivity.From(FitDecoder.Decode(File.ReadAllBytes(source)));

        var bytes = FitEncoder.EncodeActivity(activity);

        AssertRoundTrip(bytes, expectedCanonical: FitTestEnvironment.NodeOk("canon.mjs", source));
    }

    [Fact]
    public void EncodeActivity_BigEndian_PassesGarminAndMatchesLittleEndian()
    {
        var source = FitSyntheticFiles.PathOf("run-6x800");
        var activity = FitActivity.From(FitDecoder.Decode(File.ReadAllBytes(source)));

        var bytes = FitEncoder.EncodeActivity(activity, bigEndian: true);

        AssertRoundTrip(bytes, expectedCanonical: FitTestEnvironment.NodeOk("canon.mjs", source));
    }

    [Fact]
    public void EncodeWorkout_BuiltWorkout_PassesGarminAndMatchesCanonically()
    {
        var workout = new FitWorkout("6x800 @ 3:35-3:45", "running", null,
        [
            FitWorkoutStep.Time(0, 900, "warmup", "Warm up").WithHeartRate(120, 145),
            FitWorkoutStep.Distance(1, 800, "interval", "800 m").WithPace(225, 215),
            FitWorkoutStep.Time(2, 90, "recovery", "Jog"),
            FitWorkoutStep.Repeat(3, 1, 6),
            FitWorkoutStep.Open(4, "cooldown", "Cool down") with { Notes = "easy" },
        ]);

        var bytes = FitEncoder.EncodeWorkout(workout);

        var canonical = AssertRoundTrip(bytes, expectedCanonical: null);
        Assert.Contains("\"custom_target_value_low\": 4444", canonical, StringComparison.Ordinal);
        Assert.Contains("\"duration_type\": \"repeat_until_steps_cmplt\"", canonical, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("workout-default")]
    [InlineData("workout-3-reps")]
    public void EncodeWorkout_DecodedOracleWorkout_MatchesCanonically(string name)
    {
        var source = FitSyntheticFiles.PathOf(name);
        var file = FitDecoder.Decode(File.ReadAllBytes(source));
        var workout = FitActivity.From(file).Workout!;
        var id = FitActivity.From(file).FileId;

        var bytes = FitEncoder.EncodeWorkout(workout, id);

        AssertRoundTrip(bytes, expectedCanonical: FitTestEnvironment.NodeOk("canon.mjs", source));
    }

    [Theory]
    [InlineData("WorkoutRepeatSteps.fit")]
    [InlineData("WorkoutCustomTargetValues.fit")]
    public void EncodeWorkout_SdkExampleWorkout_MatchesCanonically(string sample)
    {
        FitTestEnvironment.RequireSamples();
        var source = FitTestEnvironment.Sample(sample);
        var view = FitActivity.From(FitDecoder.Decode(File.ReadAllBytes(source)));

        // The SDK examples declare num_valid_steps = 4 with 5 steps; we write the real count.
        var expected = FitTestEnvironment.NodeOk("canon.mjs", source)
            .Replace("\"num_valid_steps\": 4", $"\"num_valid_steps\": {view.Workout!.Steps.Count}", StringComparison.Ordinal);
        var bytes = FitEncoder.EncodeWorkout(view.Workout!, view.FileId);

        AssertRoundTrip(bytes, expectedCanonical: expected);
    }

    /// <summary>Writes the bytes, runs Garmin's decode.mjs (exit 0) and compares both decoders' canonical JSON.</summary>
    private static string AssertRoundTrip(byte[] bytes, string? expectedCanonical)
    {
        var dir = FitTestEnvironment.TempDir("fit-roundtrip");
        var path = Path.Combine(dir, "out.fit");
        File.WriteAllBytes(path, bytes);

        var garmin = FitTestEnvironment.Node("decode.mjs", [path, "--summary"]);
        Assert.True(garmin.ExitCode == 0, "Garmin decode.mjs rejected our file: " + garmin.Stdout[..Math.Min(600, garmin.Stdout.Length)] + garmin.Stderr);
        var oracle = FitTestEnvironment.NodeOk("canon.mjs", path);
        var ours = FitCanonicalJson.Write(FitDecoder.Decode(bytes));
        FitConformanceTests.AssertSameText(oracle, ours, path);
        if (expectedCanonical is not null)
        {
            FitConformanceTests.AssertSameText(expectedCanonical, ours, path);
        }

        return ours;
    }
}
