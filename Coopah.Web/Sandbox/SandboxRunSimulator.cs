using Coopah.Core.Garmin.Push;
using Coopah.Core.Garmin.Simulation;
using Coopah.Core.Garmin.Training;
using Coopah.Web.Data;
using Coopah.Web.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coopah.Web.Sandbox;

public sealed record SimulatedRunResult(bool Succeeded, string Message, long? ActivityId = null, string? WorkoutName = null);

/// <summary>What the simulated runner does; the defaults are "Simulate a run" on a day without a workout.</summary>
public sealed record SimulatedRunOptions
{
    /// <summary>The workout whose steps are run; null: a free run of <see cref="FreeRunSeconds"/>.</summary>
    public GarminWorkout? Workout { get; init; }

    /// <summary>
    /// False: the runner ran the workout's steps without starting it on the watch, so the activity carries neither
    /// the workout's name (nor its session code) nor the workout in the FIT file.
    /// </summary>
    public bool WorkoutOnWatch { get; init; } = true;

    public double FreeRunSeconds { get; init; } = 30 * 60;

    /// <summary>The activity's name when no workout ran on the watch.</summary>
    public string? Name { get; init; }

    /// <summary>Local start time on the run's day.</summary>
    public TimeOnly LocalStart { get; init; } = new(7, 0);

    public RunVariation Variation { get; init; } = RunVariation.None;
}

/// <summary>
/// "Simulate a run": what Garmin would deliver after a linked runner finishes a run, generated and sent to our own
/// webhooks over HTTP like Garmin does (summary, details with smart-recorded samples, and a FIT file by ping).
/// </summary>
public sealed class SandboxRunSimulator(
    IDbContextFactory<CoopahDbContext> dbFactory,
    SandboxAccounts accounts,
    SandboxTrainingStore training,
    SandboxPushSender sender,
    SandboxFileStore files,
    IOptions<GarminSandboxOptions> options,
    TimeProvider time)
{
    /// <summary>Easy running speed for steps without a pace target (about 6:00 /km).</summary>
    private const double EasySpeed = 1000.0 / 360;

    public async Task<SimulatedRunResult> SimulateAsync(string runnerId, DateOnly? date = null, int? seed = null, CancellationToken cancellationToken = default)
    {
        GarminLink? link;
        RunnerGoal? goal;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            link = await db.GarminLinks.AsNoTracking().FirstOrDefaultAsync(l => l.UserId == runnerId && l.Status == GarminLinkStatus.Active, cancellationToken);
            goal = await db.RunnerGoals.AsNoTracking().FirstOrDefaultAsync(g => g.RunnerId == runnerId, cancellationToken);
        }

        if (link is null)
        {
            return new SimulatedRunResult(false, "Link a sandbox Garmin account first.");
        }

        accounts.Recall(link.GarminUserId, link.PermissionList);

        var zone = RunnerCalendar.FindZone(goal?.TimeZoneId);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var day = date ?? today;
        if (day > today)
        {
            // A watch records runs that happened; Garmin never sends one dated after today.
            return new SimulatedRunResult(false, $"{day:yyyy-MM-dd} has not happened yet: pick today ({today:yyyy-MM-dd}) or an earlier day.");
        }
        var scheduled = training.Calendar(link.GarminUserId).FirstOrDefault(e => e.Date == day);
        return await RunAsync(link.GarminUserId, zone, day, seed ?? Random.Shared.Next(), new SimulatedRunOptions { Workout = scheduled?.Workout }, cancellationToken);
    }

    /// <summary>
    /// Generates one run of a sandbox user on <paramref name="day"/> (local to <paramref name="zone"/>) and delivers it
    /// like Garmin: summary, details and FIT file. Deterministic for a seed, apart from the one-time file URLs.
    /// </summary>
    public async Task<SimulatedRunResult> RunAsync(
        string garminUserId, TimeZoneInfo zone, DateOnly day, int seed, SimulatedRunOptions run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(run);
        var workout = run.WorkoutOnWatch ? run.Workout : null;
        var steps = run.Workout is null
            ? SimulatedSteps.FreeRun(run.FreeRunSeconds, EasySpeed)
            : SimulatedSteps.FromWorkout(run.Workout, EasySpeed);
        var name = workout?.WorkoutName ?? run.Name ?? "Easy run";

        // Garmin reports the UTC start plus the display offset of the runner's time zone on that day.
        var localStart = day.ToDateTime(run.LocalStart);
        var offset = zone.GetUtcOffset(localStart);
        var startUtc = DateTime.SpecifyKind(localStart - offset, DateTimeKind.Utc);
        var simulated = RunGenerator.Generate(steps, startUtc, (int)offset.TotalSeconds, seed, run.Variation);
        var activityId = 20_000_000_000 + (((long)(startUtc - DateTime.UnixEpoch).TotalSeconds % 1_000_000_000) * 10) + (seed % 10);

        var summary = SimulatedRunPayloads.ActivitiesBody(simulated, garminUserId, activityId, name);
        var details = SimulatedRunPayloads.ActivityDetailsBody(simulated, garminUserId, activityId, name);
        var fit = SimulatedRunPayloads.FitFile(simulated, workout?.WorkoutName);
        var ping = string.Equals(options.Value.DeliveryMode, "Ping", StringComparison.OrdinalIgnoreCase);

        var deliveries = new[]
        {
            await DeliverAsync(GarminNotificationKeys.Activities, summary, garminUserId, ping, cancellationToken),
            await DeliverAsync(GarminNotificationKeys.ActivityDetails, details, garminUserId, ping, cancellationToken),
            await sender.SendAsync(GarminNotificationKeys.ActivityFiles, FilePing(garminUserId, activityId, simulated, files.Put(fit, "FIT")), cancellationToken),
        };

        var failed = deliveries.Where(d => !d.Delivered).Select(d => d.Type).ToList();
        return failed.Count == 0
            ? new SimulatedRunResult(true, $"Sent \"{GarminWorkoutMapper.WithoutSessionCode(name)}\" ({simulated.DistanceMetres / 1000:0.00} km) for {day:yyyy-MM-dd}{(ping ? " as pings" : "")}.", activityId, name)
            : new SimulatedRunResult(false, $"Our webhooks did not accept: {string.Join(", ", failed)}.", activityId, name);
    }

    private Task<SandboxPushDelivery> DeliverAsync(string type, byte[] body, string garminUserId, bool ping, CancellationToken cancellationToken)
    {
        if (!ping)
        {
            return sender.SendAsync(type, body, cancellationToken);
        }

        // Ping mode: Garmin only says where to fetch; the callback serves the same body a push would have carried.
        var callback = files.Put(body, "JSON");
        var pingBody = System.Text.Encoding.UTF8.GetBytes(
            $$"""{"{{type}}":[{"userId":"{{garminUserId}}","callbackURL":"{{callback.AbsoluteUri}}"}]}""");
        return sender.SendAsync(type, pingBody, cancellationToken);
    }

    private static byte[] FilePing(string garminUserId, long activityId, SimulatedRun run, Uri callback) =>
        System.Text.Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $$"""{"activityFiles":[{"userId":"{{garminUserId}}","summaryId":"{{activityId}}-file","fileType":"FIT","callbackURL":"{{callback.AbsoluteUri}}","activityId":{{activityId}},"activityType":"RUNNING","startTimeInSeconds":{{(long)(run.StartUtc - DateTime.UnixEpoch).TotalSeconds}},"manual":false}]}"""));
}
