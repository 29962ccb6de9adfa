using Coopah.Core.Garmin;
using Coopah.Core.Matching;
using Coopah.Core.Plans;
using Coopah.Web.Authorization;
using Coopah.Web.Data;
using Coopah.Web.Matching;
using Microsoft.EntityFrameworkCore;

namespace Coopah.Benchmarks;

/// <summary>
/// Seeds a year of coaching into a database the app has already created (migrations and demo accounts), for
/// bench/review-desk.sh: runners of coach.anna (and a few of coach.ben), their goals, ~5 sessions a week with step
/// trees, a run for most sessions plus some unplanned ones, comments and review marks. The rows are written through
/// the app's own model and JSON writers (RunJson, RunTrace) so they look like what MatchRunJob stores; the figures
/// are made up (deterministic, seeded random), not reconstructed from FIT files.
/// </summary>
internal static class ReviewDeskSeed
{
    private static readonly string[] Notations =
    [
        "10min warmup easy; 6x(800m interval @ 3:50-4:00/km; 90s recovery); 10min cooldown",
        "15min warmup easy; 3x(2km interval threshold; 2min recovery); 10min cooldown",
        "45min active easy",
        "1h30min active easy",
        "10min warmup easy; 8x(400m interval repetition; 200m recovery); 2x(1km interval threshold; 90s rest); 10min cooldown",
        "10min warmup easy; 20min active threshold; 10min cooldown",
        "10min warmup easy; 5x(3min interval interval; 2min recovery; 1min active marathon); 10min cooldown",
    ];

    private static readonly SessionKind[] Kinds = [SessionKind.Intervals, SessionKind.Tempo, SessionKind.Easy, SessionKind.Long, SessionKind.Intervals, SessionKind.Tempo, SessionKind.Intervals];

    /// <summary>Run days: Monday, Tuesday, Thursday, Saturday, Sunday.</summary>
    private static readonly int[] RunDayOffsets = [0, 1, 3, 5, 6];

    public static async Task<int> RunAsync(string databasePath, int runners, int weeks)
    {
        var options = new DbContextOptionsBuilder<CoopahDbContext>().UseSqlite($"Data Source={databasePath}").Options;
        await using var db = new CoopahDbContext(options);
        var anna = await db.Users.SingleAsync(u => u.Email == "coach.anna@coopah.local");
        var ben = await db.Users.SingleAsync(u => u.Email == "coach.ben@coopah.local");
        var runnerRole = await db.Roles.SingleAsync(r => r.Name == Roles.Runner);
        var plan = await db.Plans.OrderBy(p => p.Id).FirstAsync();
        var random = new Random(13);
        var now = DateTime.UtcNow;
        var thisMonday = DateOnly.FromDateTime(now).AddDays(-(((int)now.DayOfWeek + 6) % 7));
        var firstMonday = thisMonday.AddDays(-7 * (weeks - 1));
        var steps = Notations.Select(StepNotation.Parse).ToList();
        var runCount = 0;

        // A coach owning every benchmark runner, and a second coach with a few (their runs must stay out of the first one's pages).
        var total = runners + Math.Max(1, runners / 8);
        for (var n = 0; n < total; n++)
        {
            var coach = n < runners ? anna : ben;
            var runner = new ApplicationUser
            {
                UserName = $"bench.runner{n:00}@coopah.local",
                NormalizedUserName = $"BENCH.RUNNER{n:00}@COOPAH.LOCAL",
                Email = $"bench.runner{n:00}@coopah.local",
                NormalizedEmail = $"BENCH.RUNNER{n:00}@COOPAH.LOCAL",
                EmailConfirmed = true,
                DisplayName = $"Bench Runner {n:00}",
                CoachId = coach.Id,
                SecurityStamp = Guid.NewGuid().ToString("N"),
            };
            db.Users.Add(runner);
            db.UserRoles.Add(new() { UserId = runner.Id, RoleId = runnerRole.Id });
            db.RunnerGoals.Add(new RunnerGoal
            {
                RunnerId = runner.Id, PlanId = plan.Id, GoalKind = GoalDistanceKind.HalfMarathon, GoalMetres = 21097.5,
                GoalDate = thisMonday.AddDays(8 * 7), StartDate = firstMonday, RunDays = 0b1101011, LongRunDay = DayOfWeek.Sunday,
                PaceSource = PaceSource.RecentRace, PaceDistanceMetres = 10000, PaceTimeSeconds = 2400 + random.Next(900),
                TimeZoneId = n % 3 == 0 ? "Europe/London" : null, UpdatedUtc = now,
            });
            if (n % 5 != 4)
            {
                db.GarminLinks.Add(new GarminLink
                {
                    UserId = runner.Id, GarminUserId = $"bench-garmin-{n:00}", Mode = GarminAuthMode.OAuth2,
                    Status = n % 7 == 6 ? GarminLinkStatus.Broken : GarminLinkStatus.Active, Permissions = "ACTIVITY_EXPORT WORKOUT_IMPORT",
                    LinkedAtUtc = now.AddDays(-7 * weeks),
                });
            }

            var sessions = new List<(RunnerSession Session, int Template)>();
            for (var week = 0; week < weeks + 1; week++)
            {
                foreach (var (offset, order) in RunDayOffsets.Select((o, i) => (o, i)))
                {
                    var template = (week + order * 3 + n) % Notations.Length;
                    var session = new RunnerSession
                    {
                        RunnerId = runner.Id, Date = firstMonday.AddDays((7 * week) + offset), Name = $"{Kinds[template]} {week + 1}.{order + 1}",
                        Kind = Kinds[template], Steps = steps[template], SourcePlanKey = plan.Key, SourceWeek = week, SourceOrder = order,
                        PlanWeek = week + 1, Skipped = random.Next(40) == 0, CreatedUtc = now, UpdatedUtc = now,
                    };
                    db.RunnerSessions.Add(session);
                    sessions.Add((session, template));
                }
            }

            // Sessions first: the runs point at their ids.
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();

            var today = DateOnly.FromDateTime(now);
            foreach (var (session, template) in sessions.Where(s => s.Session.Date < today && !s.Session.Skipped))
            {
                // About one session in ten is missed; about one run in twelve is an extra, unplanned one the day after.
                if (random.Next(10) == 0)
                {
                    continue;
                }

                db.Set<MatchedRun>().Add(Run(random, runner.Id, coach.Id, session.Date, session.Id, session.Name, steps[template], now));
                if (random.Next(12) == 0 && session.Date.AddDays(1) < today)
                {
                    db.Set<MatchedRun>().Add(Run(random, runner.Id, coach.Id, session.Date.AddDays(1), null, "Morning Run", [], now));
                }
            }

            runCount += db.ChangeTracker.Entries<MatchedRun>().Count();
            await db.SaveChangesAsync();
            var runs = db.ChangeTracker.Entries<MatchedRun>().Select(e => e.Entity).ToList();
            foreach (var run in runs.Where(_ => random.Next(6) == 0))
            {
                db.Set<RunComment>().Add(new RunComment { RunId = run.Id, AuthorId = coach.Id, Body = "Strong reps, keep the recoveries honest.", CreatedAtUtc = run.StartTimeUtc.AddHours(5) });
                db.Set<RunComment>().Add(new RunComment { RunId = run.Id, AuthorId = runner.Id, Body = "Legs felt heavy on the last two.", CreatedAtUtc = run.StartTimeUtc.AddHours(7) });
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        Console.WriteLine($"seeded {total} runners ({runners} of {anna.Email}), {runCount} runs");
        return 0;
    }

    private static MatchedRun Run(Random random, string runnerId, string coachId, DateOnly date, int? sessionId, string name, IReadOnlyList<StepNode> steps, DateTime now)
    {
        var start = date.ToDateTime(new TimeOnly(6 + random.Next(12), random.Next(60)), DateTimeKind.Utc);
        var rows = sessionId is null ? random.Next(1, 3) : Math.Max(8, Math.Min(20, CountSteps(steps)));
        var intervals = new List<RunIntervalRow>(rows);
        var timer = 0.0;
        var distance = 0.0;
        for (var i = 0; i < rows; i++)
        {
            var hard = i % 2 == 1;
            var seconds = hard ? 150 + random.Next(120) : 90 + random.Next(500);
            var speed = hard ? 4.2 + random.NextDouble() : 2.8 + random.NextDouble() * 0.5;
            var colour = (ComplianceColour)random.Next(1, 4);
            intervals.Add(new RunIntervalRow(
                sessionId is null ? null : i, hard ? "Interval 800 m" : "Recovery 1:30", hard ? "Interval" : "Recovery", hard ? (i / 2) + 1 : null, hard ? rows / 2 : null,
                hard ? "Distance" : "Time", hard ? 800 : 90, hard ? 230 : null, hard ? 240 : null, (start - DateTime.UnixEpoch).TotalSeconds + timer, timer, seconds, seconds + random.Next(5),
                seconds * speed, 140 + random.Next(40), 160 + random.Next(30), 0.8 + random.NextDouble() * 0.4, random.NextDouble(), random.Next(40, 101), colour, IntervalSource.FitStepLaps));
            timer += seconds;
            distance += seconds * speed;
        }

        // A second-by-second recording, thinned by the app's own rule.
        var points = new List<TracePoint>((int)timer + 1);
        for (var t = 0; t <= (int)timer; t++)
        {
            points.Add(new TracePoint(t, distance * t / timer, distance / timer, 130 + (t % 300 / 6.0)));
        }

        var splits = Enumerable.Range(0, (int)(distance / 1000)).Select(k => new LapSplit(k + 1, (start - DateTime.UnixEpoch).TotalSeconds + (k * 1000 / (distance / timer)), k * 1000 / (distance / timer), 1000 / (distance / timer), 1000, 150)).ToList();
        var colourOfRun = sessionId is null ? (ComplianceColour?)null : (ComplianceColour)random.Next(1, 4);
        var reviewed = date < DateOnly.FromDateTime(now).AddDays(-14) ? random.Next(10) != 0 : random.Next(4) == 0;
        return new MatchedRun
        {
            RunnerId = runnerId, ActivityKey = Guid.NewGuid().ToString("N"), ActivityType = "RUNNING", IsRunning = true, Name = name,
            StartTimeUtc = start, StartTimeOffsetSeconds = 0, LocalDate = date, TimerSeconds = timer, DistanceMetres = distance,
            AverageHeartRate = 150, MaxHeartRate = 185, HasDetails = true, HasFitFile = true, SessionId = sessionId,
            Method = sessionId is null ? MatchMethod.Unplanned : MatchMethod.SameDay, IntervalSource = IntervalSource.FitStepLaps,
            Score = colourOfRun is null ? null : random.Next(40, 101), Colour = colourOfRun, CompletionPercent = sessionId is null ? null : 90 + random.Next(11),
            TimeInTarget = sessionId is null ? null : random.NextDouble(), IntervalsJson = RunJson.Write(intervals), SplitsJson = RunJson.Write(splits),
            TraceJson = RunJson.Write(RunTrace.From(points)), MatchedAtUtc = start.AddMinutes(90),
            ReviewedAtUtc = reviewed ? start.AddHours(6) : null, ReviewedById = reviewed ? coachId : null, Flagged = random.Next(25) == 0,
        };
    }

    /// <summary>Executed steps of a tree: repeats unrolled.</summary>
    private static int CountSteps(IReadOnlyList<StepNode> steps) => steps.Sum(s => s is RepeatBlock r ? r.Count * CountSteps(r.Steps) : 1);
}
