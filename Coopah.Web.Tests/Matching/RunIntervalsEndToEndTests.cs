using System.Globalization;
using System.Text;
using Coopah.Core.Fit;
using Coopah.Core.Garmin.Simulation;
using Coopah.Core.Garmin.Training;
using Coopah.Core.Matching;
using Coopah.Web.Matching;
using Coopah.Web.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Matching;

/// <summary>
/// A runner "completes" a workout the sync put on their Garmin calendar: the sandbox records it with smart recording
/// and delivers the summary and details, then the FIT file by ping, over HTTP to our webhooks like Garmin does.
/// </summary>
public sealed class RunIntervalsEndToEndTests(MatchingFactory factory) : IClassFixture<MatchingFactory>
{
    [Fact]
    public async Task ScheduledWorkout_IsMatched_IntervalsFromDetailsFirst_ThenExactFromTheFitFile()
    {
        var (runnerId, garminUserId, _) = await factory.LinkedRunnerWithPlanAsync("e2e-intervals");
        await factory.ConvergeAsync(runnerId, garminUserId);
        // The richest workout on the watch: most steps once repeats are unrolled.
        var entry = factory.SandboxTraining.Calendar(garminUserId)
            .OrderByDescending(e => SimulatedSteps.FromWorkout(e.Workout, 2.8).Count).ThenBy(e => e.Date).First();
        Assert.True(GarminWorkoutMapper.TryExtractSessionCode(entry.Workout.WorkoutName, out var code));
        var sessionId = SessionWorkoutMapper.SessionIdFromCode(code)!.Value;
        var steps = SimulatedSteps.FromWorkout(entry.Workout, 2.8);
        var startUtc = entry.Date.ToDateTime(new TimeOnly(6, 30), DateTimeKind.Utc);
        var run = RunGenerator.Generate(steps, startUtc, 3600, seed: 7);
        const long activityId = 31_000_000_001;
        var sender = factory.Services.GetRequiredService<SandboxPushSender>();

        Assert.True((await sender.SendAsync("activities", SimulatedRunPayloads.ActivitiesBody(run, garminUserId, activityId, entry.Workout.WorkoutName!))).Delivered);
        Assert.True((await sender.SendAsync("activityDetails", SimulatedRunPayloads.ActivityDetailsBody(run, garminUserId, activityId, entry.Workout.WorkoutName!))).Delivered);

        var beforeFit = Assert.Single(await factory.SettledRunsAsync(runnerId, runs => runs.Count == 1 && runs[0].HasDetails && runs[0].IntervalSource is not null));
        Assert.Equal(sessionId, beforeFit.SessionId);
        Assert.Equal(MatchMethod.SessionCode, beforeFit.Method);
        Assert.Equal(IntervalSource.DetailsInterpolated, beforeFit.IntervalSource);
        var fromDetails = RunJson.Intervals(beforeFit).Where(i => !i.IsAfterWorkout).ToList();
        Assert.Equal(steps.Count, fromDetails.Count);
        Assert.Equal(Enumerable.Range(0, steps.Count), fromDetails.Select(i => i.StepIndex!.Value));

        var fit = SimulatedRunPayloads.FitFile(run, entry.Workout.WorkoutName);
        var url = factory.Services.GetRequiredService<SandboxFileStore>().Put(fit, "FIT");
        var ping = string.Create(CultureInfo.InvariantCulture,
            $$"""{"activityFiles":[{"userId":"{{garminUserId}}","summaryId":"{{activityId}}-file","fileType":"FIT","callbackURL":"{{url.AbsoluteUri}}","activityId":{{activityId}},"activityType":"RUNNING","startTimeInSeconds":{{(long)(startUtc - DateTime.UnixEpoch).TotalSeconds}},"manual":false}]}""");
        Assert.True((await sender.SendAsync("activityFiles", Encoding.UTF8.GetBytes(ping))).Delivered);

        var afterFit = Assert.Single(await factory.SettledRunsAsync(runnerId, runs => runs.Count == 1 && runs[0].HasFitFile && runs[0].IntervalSource == IntervalSource.FitStepLaps));
        Assert.Equal(beforeFit.Id, afterFit.Id);
        Assert.Equal(sessionId, afterFit.SessionId);
        var exact = RunJson.Intervals(afterFit).Where(i => !i.IsAfterWorkout).ToList();
        var laps = FitActivity.Decode(fit).Laps;
        Assert.Equal(laps.Count, exact.Count);
        foreach (var (interval, lap) in exact.Zip(laps))
        {
            Assert.Equal(lap.TotalDistance!.Value, interval.DistanceMetres, 2);
            Assert.Equal(lap.TotalTimerTime!.Value, interval.TimerSeconds, 3);
        }

        Assert.NotNull(afterFit.Score);
        Assert.NotNull(afterFit.Colour);
    }
}
