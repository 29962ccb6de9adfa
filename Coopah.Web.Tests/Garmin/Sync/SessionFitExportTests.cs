using System.Net;
using System.Text.Json.Nodes;
using Coopah.Core.Fit;
using Coopah.Core.Garmin.Training;
using Coopah.Web.Tests.Core.Fit;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Garmin.Sync;

/// <summary>"Download .FIT": the runner's own session as a workout file that Garmin's JS SDK decodes with the same steps.</summary>
public sealed class SessionFitExportTests(GarminSyncFactory factory) : IClassFixture<GarminSyncFactory>
{
    [Fact]
    public async Task DownloadFit_OwnSession_DecodesInGarminsSdkWithTheSameSteps()
    {
        var (runner, client) = await factory.NewRunnerAsync("fit-owner@sync.test");
        var calendar = factory.Calendar;
        var today = await calendar.TodayAsync(runner);
        var added = await calendar.AddSessionAsync(runner, new Coopah.Web.Plans.SessionEdit(today.AddDays(2), "6 x 800", Coopah.Core.Plans.SessionKind.Intervals,
            Coopah.Core.Plans.StepNotation.Parse("10min warmup easy; 6x(800m interval @ 3:50-4:00/km; 90s recovery); lap cooldown")));
        var id = added.SessionId!.Value;

        using var response = await client.GetAsync($"/calendar/sessions/{id}/workout.fit");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var ours = FitActivity.From(FitDecoder.Decode(bytes)).Workout!;

        var path = Path.Combine(FitTestEnvironment.TempDir("session-fit"), "workout.fit");
        await File.WriteAllBytesAsync(path, bytes);
        var decoded = JsonNode.Parse(FitTestEnvironment.NodeOk("decode.mjs", path))!;
        Assert.True(decoded["checkIntegrity"]!.GetValue<bool>());
        Assert.Empty(decoded["errors"]!.AsArray());
        var steps = decoded["messages"]!["workoutStepMesgs"]!.AsArray();
        Assert.Equal("[" + SessionWorkoutMapper.SessionCode(id) + "] 6 x 800", decoded["messages"]!["workoutMesgs"]![0]!["wktName"]!.GetValue<string>());

        // warmup, interval, recovery, repeat(from 1, 6 times), cooldown (open)
        Assert.Equal(5, steps.Count);
        Assert.Equal(ours.Steps.Count, steps.Count);
        Assert.Equal(["warmup", "interval", "recovery", null, "cooldown"], steps.Select(s => s!["intensity"]?.GetValue<string>()));
        Assert.Equal(600, steps[0]!["durationTime"]!.GetValue<double>());
        Assert.Equal(800, steps[1]!["durationDistance"]!.GetValue<double>());
        Assert.Equal(Math.Round(1000.0 / 240, 3), steps[1]!["customTargetSpeedLow"]!.GetValue<double>(), 3);
        Assert.Equal(Math.Round(1000.0 / 230, 3), steps[1]!["customTargetSpeedHigh"]!.GetValue<double>(), 3);
        Assert.Equal(90, steps[2]!["durationTime"]!.GetValue<double>());
        Assert.Equal("repeatUntilStepsCmplt", steps[3]!["durationType"]!.GetValue<string>());
        Assert.Equal(1, steps[3]!["durationStep"]!.GetValue<double>());
        Assert.Equal(6, steps[3]!["repeatSteps"]!.GetValue<double>());
        Assert.Equal("open", steps[4]!["durationType"]!.GetValue<string>());
    }

    [Fact]
    public async Task DownloadFit_AnotherRunnersSession_Is404()
    {
        var (owner, _) = await factory.NewRunnerAsync("fit-a@sync.test");
        var (_, other) = await factory.NewRunnerAsync("fit-b@sync.test");
        var today = await factory.Calendar.TodayAsync(owner);
        var added = await factory.Calendar.AddSessionAsync(owner, new Coopah.Web.Plans.SessionEdit(today, "Mine", Coopah.Core.Plans.SessionKind.Easy,
            Coopah.Core.Plans.StepNotation.Parse("30min active easy")));

        using var response = await other.GetAsync($"/calendar/sessions/{added.SessionId}/workout.fit");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        _ = factory.Services.GetRequiredService<Coopah.Web.Plans.SessionFitExport>();
    }
}
