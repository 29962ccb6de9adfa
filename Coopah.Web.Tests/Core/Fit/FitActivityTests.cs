using System.Text.Json.Nodes;
using Coopah.Core.Fit;

namespace Coopah.Web.Tests.Core.Fit;

/// <summary>The typed activity view against gen-run.mjs's ground truth (truth.json beside activity.fit).</summary>
public sealed class FitActivityTests
{
    [Theory]
    [InlineData("run-6x800")]
    [InlineData("run-5x1k-pause-missed-lap")]
    [InlineData("run-long-auto-lap")]
    [InlineData("run-two-pauses-tz")]
    public void From_GeneratedRun_MatchesTruth(string name)
    {
        var path = FitSyntheticFiles.PathOf(name);
        var truth = JsonNode.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(path)!, "truth.json")))!;

        var activity = FitActivity.Decode(File.ReadAllBytes(path));

        var laps = truth["laps"]!.AsArray();
        Assert.Equal(laps.Count, activity.Laps.Count);
        for (var i = 0; i < laps.Count; i++)
        {
            var expected = laps[i]!;
            var lap = activity.Laps[i];
            Assert.Equal((int?)expected["wktStepIndex"], lap.WktStepIndex);
            Assert.Equal((string?)expected["trigger"], lap.LapTrigger);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds((long)expected["fitStartTime"]!).UtcDateTime, lap.StartTime);
            Assert.Equal((double)expected["fit"]!["totalTimerTime"]!, lap.TotalTimerTime!.Value, 3);
            Assert.Equal((double)expected["fit"]!["totalElapsedTime"]!, lap.TotalElapsedTime!.Value, 3);
            Assert.Equal((double)expected["fit"]!["totalDistance"]!, lap.TotalDistance!.Value, 2);
        }

        var session = Assert.Single(activity.Sessions);
        var totals = truth["activity"]!["fit"]!;
        Assert.Equal((double)totals["totalTimerTime"]!, session.TotalTimerTime!.Value, 3);
        Assert.Equal((double)totals["totalElapsedTime"]!, session.TotalElapsedTime!.Value, 3);
        Assert.Equal((double)totals["totalDistance"]!, session.TotalDistance!.Value, 2);
        Assert.Equal("running", session.Sport);

        var pauses = truth["pauses"]!.AsArray();
        Assert.Equal(pauses.Count, activity.Pauses.Count);
        for (var i = 0; i < pauses.Count; i++)
        {
            // FIT event timestamps are whole seconds.
            Assert.InRange(activity.Pauses[i].Duration.TotalSeconds, (double)pauses[i]!["durationInSeconds"]! - 1, (double)pauses[i]!["durationInSeconds"]! + 1);
        }

        Assert.Equal((int)truth["activity"]!["samples"]!, activity.Records.Count);
        // truth counts executed steps (repeats unrolled); the file holds the workout's step messages.
        Assert.NotNull(activity.Workout);
        Assert.All(activity.Laps, l => Assert.True(l.WktStepIndex is null || l.WktStepIndex < activity.Workout!.Steps.Count));
    }
}
