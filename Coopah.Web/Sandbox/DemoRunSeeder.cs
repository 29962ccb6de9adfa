using Coopah.Core.Garmin.Simulation;
using Coopah.Core.Garmin.Training;
using Coopah.Core.Plans;
using Coopah.Core.Plans.Scheduling;
using Coopah.Web.Data;
using Coopah.Web.Garmin.Link;
using Coopah.Web.Garmin.Sync;
using Coopah.Web.Plans;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coopah.Web.Sandbox;

/// <summary>What the demo story delivered: for the start-up log line and for tests.</summary>
public sealed record DemoRunSummary(int Runners, int Weeks, int Runs, int Failed, int Missed, IReadOnlyList<string> LeftOut, TimeSpan Elapsed);

/// <summary>
/// "Demo data that tells the story" (GarminSandbox:SeedDemoRuns): on first start the coached demo runners get a plan
/// that began <see cref="GarminSandboxOptions.DemoRunWeeks"/> weeks ago, a sandbox Garmin link made through the real
/// OAuth flow, and their past sessions run by the sandbox's simulator and delivered over HTTP to our own webhooks,
/// so inbox, ingestion and matching do the rest exactly as for Garmin's pushes. It waits for the host to listen,
/// works per runner only where nothing exists yet (goal, link, activities), and never blocks the portal.
/// </summary>
public sealed partial class DemoRunSeeder(
    IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime,
    IOptions<GarminSandboxOptions> options,
    TimeProvider time,
    ILogger<DemoRunSeeder> logger) : BackgroundService
{
    /// <summary>Deliveries in flight at once: enough to be quick, few enough to leave the 2-core box to the portal.</summary>
    private const int Parallelism = 4;

    private static readonly DemoRunner[] Runners =
    [
        new("cara@coopah.local", GoalDistance.TenK, 3, [DayOfWeek.Tuesday, DayOfWeek.Thursday, DayOfWeek.Saturday, DayOfWeek.Sunday], DayOfWeek.Sunday, 10_000, 50 * 60, "Europe/London", new(6, 30)),
        new("dan@coopah.local", GoalDistance.HalfMarathon, 8, [DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday, DayOfWeek.Sunday], DayOfWeek.Sunday, 21_097.5, 105 * 60, "Europe/Berlin", new(18, 15)),
        new("eve@coopah.local", GoalDistance.FiveK, 2, [DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday, DayOfWeek.Saturday], DayOfWeek.Saturday, 5_000, (24 * 60) + 30, "America/New_York", new(7, 0)),
    ];

    private readonly TaskCompletionSource<DemoRunSummary> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Runners left out and why; written while the runners are prepared one after the other.</summary>
    private readonly List<string> _leftOut = [];

    /// <summary>Completes once every run is delivered (matching may still be busy).</summary>
    public Task<DemoRunSummary> Completion => _completion.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // The sandbox posts to our webhooks and our Garmin client calls the sandbox: both need the listening host.
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            {
                await started.Task.WaitAsync(stoppingToken);
            }

            var summary = await SeedAsync(stoppingToken);
            if (summary.Runners == 0)
            {
                LogNothingToDo();
            }
            else
            {
                LogSeeded(summary.Runs, summary.Runners, summary.Weeks, summary.Elapsed.TotalSeconds, summary.Failed, summary.Missed);
            }

            _completion.TrySetResult(summary);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _completion.TrySetCanceled(stoppingToken);
        }
        catch (Exception ex)
        {
            // Demo data is a convenience: whatever went wrong is logged and the portal keeps running (a background
            // service's exception would otherwise stop the host).
            LogFailed(ex);
            _completion.TrySetException(ex);
        }
    }

    private async Task<DemoRunSummary> SeedAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var settings = options.Value;
        var weeks = Math.Clamp(settings.DemoRunWeeks, 1, 8);
        var chosen = Runners.Where(r => settings.DemoRunners is not { Length: > 0 } list || list.Contains(r.Email, StringComparer.OrdinalIgnoreCase)).ToList();

        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var runs = new List<DemoDelivery>();
        var missed = 0;
        var seeded = 0;
        for (var i = 0; i < chosen.Count; i++)
        {
            if (await PrepareAsync(services, chosen[i], i, chosen.Count, weeks, cancellationToken) is { } story)
            {
                runs.AddRange(story.Runs);
                missed += story.Missed;
                seeded++;
            }
        }

        // The runs of the sessions first, then the ones without a session, so those find the sessions taken.
        var simulator = services.GetRequiredService<SandboxRunSimulator>();
        var failed = 0;
        foreach (var batch in runs.GroupBy(r => r.Extra).OrderBy(g => g.Key))
        {
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (run, ct) =>
            {
                var result = await simulator.RunAsync(run.GarminUserId, run.Zone, run.Date, run.Seed, run.Options, ct);
                if (!result.Succeeded)
                {
                    Interlocked.Increment(ref failed);
                    LogDeliveryFailed(run.Date, result.Message);
                }
            });
        }

        return new DemoRunSummary(seeded, weeks, runs.Count - failed, failed, missed, [.. _leftOut], time.GetElapsedTime(started));
    }

    /// <summary>Goal, link and the runs to deliver for one runner; null when the runner is missing or already has activities.</summary>
    private async Task<DemoStory?> PrepareAsync(IServiceProvider services, DemoRunner runner, int index, int count, int weeks, CancellationToken cancellationToken)
    {
        var dbFactory = services.GetRequiredService<IDbContextFactory<CoopahDbContext>>();
        ApplicationUser? user;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Email == runner.Email, cancellationToken);
            if (user is null
                || await db.GarminActivities.AnyAsync(a => a.UserId == user.Id, cancellationToken)
                || await db.GarminLinks.AnyAsync(l => l.UserId == user.Id && l.Status != GarminLinkStatus.Active, cancellationToken))
            {
                return null;
            }
        }

        var zone = RunnerCalendar.FindZone(runner.TimeZoneId);
        var today = LocalDate.Today(time, zone);
        // The plan began on the Monday `weeks` weeks ago: as if the runner had set the goal that day.
        var planStart = today.AddDays(-(((int)today.DayOfWeek + 6) % 7) - (7 * weeks));
        if (!await EnsureGoalAsync(services, user.Id, runner, weeks, today.DayNumber - planStart.DayNumber, cancellationToken)
            || await EnsureLinkAsync(services, user, runner, cancellationToken) is not { } garminUserId)
        {
            return null;
        }

        RunnerGoal goal;
        List<RunnerSession> past;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            goal = await db.RunnerGoals.AsNoTracking().SingleAsync(g => g.RunnerId == user.Id, cancellationToken);
            past = await db.RunnerSessions.AsNoTracking()
                .Where(s => s.RunnerId == user.Id && !s.Deleted && !s.Skipped && s.Date < today)
                .OrderBy(s => s.Date).ThenBy(s => s.SourceOrder).ThenBy(s => s.Id)
                .ToListAsync(cancellationToken);
        }

        var from = goal.StartDate < planStart ? goal.StartDate : planStart;
        var plan = DemoRunStory.Plan([.. past.Select(s => new DemoSession(s.Id, s.Date, s.Kind, ByDistance(s.Steps)))], DemoRunStory.TwistsFor(index, count), from, today);
        var paces = PersonalPaces.FromRace(goal.PaceDistanceMetres, goal.PaceTimeSeconds);
        var runs = new List<DemoDelivery>();
        // Seeds end in the runner's index: the simulator's activity ids (start second + last digit) never collide between runners.
        var seed = index;
        DemoDelivery Run(DateOnly date, int runSeed, SimulatedRunOptions run, bool extra = false) => new(garminUserId, zone, date, runSeed, run, extra);

        foreach (var session in past.Where(s => s.Date >= from && s.Kind != SessionKind.Cross))
        {
            var twist = plan.TwistOf(session.Id);
            if (twist == DemoTwist.Missed)
            {
                continue;
            }

            var runSeed = seed += 10;
            var random = new Random(runSeed);
            var start = session.Kind == SessionKind.Long && runner.UsualStart.Hour < 12 ? new TimeOnly(8, 30) : runner.UsualStart;
            var workout = SessionWorkoutMapper.Map(SessionWorkoutMapper.SessionCode(session.Id), session.Name, null, session.Steps, paces);
            runs.Add(Run(session.Date, runSeed, new SimulatedRunOptions
            {
                Workout = workout,
                LocalStart = start.AddMinutes(random.Next(-10, 21)),
                WorkoutOnWatch = twist != DemoTwist.AutoLapOnly,
                Name = runner.UsualStart.Hour < 12 ? "Morning Run" : "Evening Run",
                Variation = twist switch
                {
                    DemoTwist.TooFast => new RunVariation { PaceFactor = 1.12 },
                    DemoTwist.TooSlow => new RunVariation { PaceFactor = 0.78 },
                    DemoTwist.CutShort => new RunVariation { CompletedShare = 0.45 },
                    DemoTwist.Shortened => new RunVariation { CompletedShare = 0.68 },
                    DemoTwist.AutoLapOnly => new RunVariation { AutoLapMetres = 1000, PaceFactor = 0.97 + (random.NextDouble() * 0.06) },
                    _ => new RunVariation { PaceFactor = 0.97 + (random.NextDouble() * 0.06) },
                },
            }));

            if (twist == DemoTwist.DoubleDay)
            {
                // A short recovery jog at the other end of the day.
                runs.Add(Run(session.Date, seed += 10, new SimulatedRunOptions
                {
                    FreeRunSeconds = 20 * 60,
                    Name = runner.UsualStart.Hour < 12 ? "Evening Run" : "Morning Run",
                    LocalStart = runner.UsualStart.Hour < 12 ? new TimeOnly(18, 40) : new TimeOnly(6, 50),
                    Variation = new RunVariation { PaceFactor = 0.9 },
                }, extra: true));
            }
        }

        if (plan.UnplannedDay is { } unplannedDay)
        {
            runs.Add(Run(unplannedDay, seed += 10, new SimulatedRunOptions { FreeRunSeconds = 35 * 60, Name = "Lunch Run", LocalStart = new TimeOnly(12, 15) }, extra: true));
        }

        return new DemoStory(runs, plan.Twists.Count(t => t.Value == DemoTwist.Missed));
    }

    private static bool ByDistance(IReadOnlyList<StepNode> steps) => steps.Any(n => n switch
    {
        WorkoutStep step => step.Duration.Kind == DurationKind.Distance,
        RepeatBlock repeat => ByDistance(repeat.Steps),
        _ => false,
    });

    /// <summary>Sets the goal through <see cref="RunnerCalendar"/> on a clock turned back to the plan's first day.</summary>
    private async Task<bool> EnsureGoalAsync(IServiceProvider services, string runnerId, DemoRunner runner, int weeks, int daysAgo, CancellationToken cancellationToken)
    {
        var dbFactory = services.GetRequiredService<IDbContextFactory<CoopahDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.RunnerGoals.AnyAsync(g => g.RunnerId == runnerId, cancellationToken))
            {
                return true;
            }
        }

        var calendar = new RunnerCalendar(dbFactory, new TurnedBackClock(time, TimeSpan.FromDays(daysAgo)), services.GetRequiredService<GarminSyncKicker>());
        var result = await calendar.SetGoalAsync(runnerId, new GoalInput
        {
            Goal = runner.Goal,
            Weeks = weeks + runner.WeeksAhead,
            RunDays = runner.RunDays,
            LongRunDay = runner.LongRunDay,
            PaceSource = PaceSource.RecentRace,
            RaceDistanceMetres = runner.RaceMetres,
            TimeSeconds = runner.RaceSeconds,
            TimeZoneId = runner.TimeZoneId,
        }, cancellationToken);
        if (!result.Succeeded)
        {
            LeftOut(runner.Email, "goal: " + result.Error);
        }

        return result.Succeeded;
    }

    /// <summary>
    /// Links the runner's sandbox Garmin account through the real flow: our link service starts it, the sandbox
    /// approves it as its consent page would, and our callback handling exchanges, verifies and stores the tokens.
    /// A failed attempt (a busy database or sandbox at start-up) is retried, as a runner would press Connect again.
    /// </summary>
    private async Task<string?> EnsureLinkAsync(IServiceProvider services, ApplicationUser user, DemoRunner runner, CancellationToken cancellationToken)
    {
        const int attempts = 3;
        var dbFactory = services.GetRequiredService<IDbContextFactory<CoopahDbContext>>();
        for (var attempt = 1; ; attempt++)
        {
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                if (await db.GarminLinks.AsNoTracking().FirstOrDefaultAsync(l => l.UserId == user.Id, cancellationToken) is { } existing)
                {
                    return existing.GarminUserId;
                }
            }

            var message = await LinkAsync(services, user, runner.Email, cancellationToken);
            if (message == GarminLinkMessages.Linked)
            {
                return SandboxAccounts.GarminUserIdFor(runner.Email);
            }

            if (attempt == attempts)
            {
                LeftOut(runner.Email, "link: " + message);
                return null;
            }

            await Task.Delay(TimeSpan.FromSeconds(attempt), time, cancellationToken);
        }
    }

    private static async Task<string?> LinkAsync(IServiceProvider services, ApplicationUser user, string login, CancellationToken cancellationToken)
    {
        var links = services.GetRequiredService<GarminLinkService>();
        var start = await links.StartAsync(user.Id, user.Name, services.GetRequiredService<SandboxAddress>().WebhookOrigin, cancellationToken);
        if (start.ConsentUrl is null)
        {
            return start.MessageKey;
        }

        var query = QueryHelpers.ParseQuery(start.ConsentUrl.Query);
        var permissions = SandboxAccounts.AllPermissions;
        if (query.TryGetValue("state", out var state))
        {
            var redirect = new Uri(query["redirect_uri"].ToString());
            var code = services.GetRequiredService<SandboxOAuth2Server>().CreateCode(login, user.Name, permissions, query["code_challenge"].ToString(), redirect.AbsoluteUri);
            return await links.CompleteOAuth2Async(user.Id, code, state.ToString(), null, null, cancellationToken);
        }

        var token = query["oauth_token"].ToString();
        var verifier = services.GetRequiredService<SandboxOAuth1Server>().ApproveRequestToken(token, login, user.Name, permissions);
        return await links.CompleteOAuth1Async(user.Id, token, verifier, cancellationToken);
    }

    /// <summary>A runner the story could not include: logged, and listed in the summary.</summary>
    private void LeftOut(string email, string? reason)
    {
        _leftOut.Add($"{email}: {reason}");
        LogRunnerFailed(email, reason);
    }

    private sealed record DemoRunner(
        string Email, GoalDistance Goal, int WeeksAhead, DayOfWeek[] RunDays, DayOfWeek LongRunDay, double RaceMetres, int RaceSeconds, string TimeZoneId, TimeOnly UsualStart);

    private sealed record DemoDelivery(string GarminUserId, TimeZoneInfo Zone, DateOnly Date, int Seed, SimulatedRunOptions Options, bool Extra);

    private sealed record DemoStory(IReadOnlyList<DemoDelivery> Runs, int Missed);

    /// <summary>The host's clock, some days earlier: the goal is set as on the plan's first day.</summary>
    private sealed class TurnedBackClock(TimeProvider inner, TimeSpan back) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() - back;

        public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo story: {Runs} runs of {Runners} runners over {Weeks} weeks delivered through the sandbox in {Seconds:0.0} s ({Failed} failed, {Missed} session(s) left missed); matching continues in the background")]
    private partial void LogSeeded(int runs, int runners, int weeks, double seconds, int failed, int missed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo story: nothing to deliver (the demo runners already have Garmin activities, or do not exist)")]
    private partial void LogNothingToDo();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo story: {Email} left out ({Reason})")]
    private partial void LogRunnerFailed(string email, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo story: the run of {Date} was not delivered: {Message}")]
    private partial void LogDeliveryFailed(DateOnly date, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Demo story failed; the portal runs without it")]
    private partial void LogFailed(Exception exception);
}
