using System.Text.Json;
using Coopah.Cli;
using Coopah.Core.Fit;
using Coopah.Web.Tests.Core.Fit;
using Coopah.Web.Tests.Core.Matching;

namespace Coopah.Web.Tests.Cli;

public sealed class IntervalsCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string Case => IntervalCorpus.PathOf("6x800-missed");

    private static string File(string name) => Path.Combine(Case, name);

    private static string WriteTemp(string name, string text)
    {
        var path = Path.Combine(FitTestEnvironment.TempDir("intervals-cli"), name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void DetailsAndWorkout_PrintsIntervalsArray_ScoredWithinGoals()
    {
        var (code, output, err) = Run("intervals", "--details", File("activityDetails.json"), "--workout", File("workout.json"));

        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(output);
        var items = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(14, items.Count);
        foreach (var name in new[] { "startTimeInSeconds", "timerDurationInSeconds", "elapsedDurationInSeconds", "distanceInMeters", "avgPaceSecPerKm", "source" })
        {
            Assert.All(items, i => Assert.True(i.TryGetProperty(name, out _), name));
        }

        Assert.Equal("DetailsInterpolated", items[0].GetProperty("source").GetString());
        var score = IntervalCorpus.ScoreAgainstTruth(Case, items.Select(i => (i.GetProperty("startTimeInSeconds").GetDouble(),
            i.GetProperty("timerDurationInSeconds").GetDouble(), i.GetProperty("distanceInMeters").GetDouble())).ToList());
        Assert.True(score.MaxDistance <= 3 && score.Matched == score.TruthSteps, score.ToString());
    }

    [Fact]
    public void WithFit_UsesTheFitSteps()
    {
        var (code, output, err) = Run("intervals", "--details", File("activityDetails.json"), "--fit", File("activity.fit"), "--workout", File("workout.json"));

        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("FitStepLaps", json.RootElement[0].GetProperty("source").GetString());
    }

    [Fact]
    public void WithoutWorkout_PrintsTheDeviceLaps()
    {
        var (code, output, _) = Run("intervals", "--details", File("activityDetails.json"));

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetArrayLength() > 5);
    }

    [Fact]
    public void LinearLapsDiagnostic_PrintsOneIntervalPerLap()
    {
        var (code, output, _) = Run("intervals", "--details", File("activityDetails.json"), "--method", "linear-laps");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(13, json.RootElement.GetArrayLength());
    }

    [Fact]
    public void MissingFile_OneLineErrorNamingIt()
    {
        var missing = Path.Combine(FitTestEnvironment.TempDir("intervals-cli"), "nope.json");

        var (code, _, err) = Run("intervals", "--details", missing);

        Assert.Equal(1, code);
        Assert.Contains(missing, err, StringComparison.Ordinal);
        Assert.Single(err.TrimEnd().Split('\n'));
    }

    [Fact]
    public void UnreadableDetailsJson_OneLineErrorNamingIt()
    {
        var bad = WriteTemp("details.json", "{ not json");

        var (code, _, err) = Run("intervals", "--details", bad);

        Assert.Equal(1, code);
        Assert.Contains(bad, err, StringComparison.Ordinal);
        Assert.Single(err.TrimEnd().Split('\n'));
    }

    [Fact]
    public void BadFit_OneLineErrorNamingIt()
    {
        var bytes = System.IO.File.ReadAllBytes(File("activity.fit"));
        var path = Path.Combine(FitTestEnvironment.TempDir("intervals-cli"), "bad.fit");
        System.IO.File.WriteAllBytes(path, bytes[..40]);
        Assert.ThrowsAny<FitFormatException>(() => FitActivity.Decode(bytes[..40]));

        var (code, _, err) = Run("intervals", "--details", File("activityDetails.json"), "--fit", path);

        Assert.Equal(1, code);
        Assert.Contains(path, err, StringComparison.Ordinal);
        Assert.Single(err.TrimEnd().Split('\n'));
    }

    [Fact]
    public void BadWorkout_OneLineErrorNamingIt()
    {
        var bad = WriteTemp("workout.json", """{"name": "x", "steps": [{"kind": "sprint", "duration": {"type": "open"}}]}""");

        var (code, _, err) = Run("intervals", "--details", File("activityDetails.json"), "--workout", bad);

        Assert.Equal(1, code);
        Assert.Contains(bad, err, StringComparison.Ordinal);
        Assert.Contains("kind", err, StringComparison.Ordinal);
        Assert.Single(err.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Usage_And_UnknownOption()
    {
        Assert.Equal(2, Run("intervals").Code);
        Assert.Equal(0, Run("intervals", "--help").Code);
        var (code, _, err) = Run("intervals", "--details", "x.json", "--bogus");
        Assert.Equal(2, code);
        Assert.Contains("--bogus", err, StringComparison.Ordinal);
    }
}
