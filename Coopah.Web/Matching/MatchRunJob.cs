using Coopah.Core.Fit;
using Coopah.Core.Garmin.Push;
using Coopah.Core.Garmin.Training;
using Coopah.Core.Matching;
using Coopah.Core.Plans;
using Coopah.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Coopah.Web.Matching;

/// <summary>
/// Matches a runner's newly delivered runs to sessions and rebuilds their intervals. Idempotent: it works from the
/// <c>NeedsMatching</c> flags and the runs' <c>NeedsAnalysis</c> flag, replaces a run's result rather than adding one,
/// and clears a delivery's flag only if no newer delivery replaced it meanwhile. The matcher decides the days around
/// the new runs together, so a second run on a day can take the session from the first when it fits it better.
/// </summary>
public sealed partial class MatchRunJob(
    IDbContextFactory<CoopahDbContext> dbFactory, MatchingKicker kicker, TimeProvider time, ILogger<MatchRunJob> logger)
{
    private static readonly string[] SummaryTypes =
    [
        GarminNotificationKeys.Activities,
        GarminNotificationKeys.ManuallyUpdatedActivities,
        GarminNotificationKeys.ActivityDetails,
    ];

    public async Task RunAsync(string runnerId, CancellationToken cancellationToken)
    {
        kicker.Started(runnerId);
        await using var held = await kicker.LockAsync(runnerId, cancellationToken);
        await MatchAsync(runnerId, cancellationToken);
    }

    private async Task MatchAsync(string runnerId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pendingActivities = await db.GarminActivities.AsNoTracking()
            .Where(a => a.UserId == runnerId && a.NeedsMatching)
            .Select(a => new { a.Id, a.SourceInboxId, a.SummaryType, a.SummaryId, a.ActivityId })
            .ToListAsync(cancellationToken);
        var pendingFiles = await db.GarminFiles.AsNoTracking()
            .Where(f => f.UserId == runnerId && f.NeedsMatching)
            .Select(f => new { f.Id, f.SummaryId, f.ActivityId })
            .ToListAsync(cancellationToken);
        var runs = db.Set<MatchedRun>();
        var reanalyse = await runs.Where(r => r.RunnerId == runnerId && r.NeedsAnalysis).ToListAsync(cancellationToken);

        var keys = pendingActivities.Where(a => SummaryTypes.Contains(a.SummaryType)).Select(a => RunKeys.For(a.ActivityId, a.SummaryId))
            .Concat(pendingFiles.Select(f => RunKeys.For(f.ActivityId, f.SummaryId)))
            .Concat(reanalyse.Select(r => r.ActivityKey))
            .ToHashSet(StringComparer.Ordinal);
        if (keys.Count == 0 && pendingActivities.Count == 0)
        {
            return;
        }

        var sources = await RunSources.LoadAsync(db, runnerId, keys, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var existing = await runs.Where(r => r.RunnerId == runnerId && keys.Contains(r.ActivityKey)).ToDictionaryAsync(r => r.ActivityKey, StringComparer.Ordinal, cancellationToken);
        var changedDates = new HashSet<DateOnly>();
        foreach (var key in keys)
        {
            if (sources.SummaryFor(key) is not { } summary || summary.StartTimeInSeconds is not { } start)
            {
                // Nothing with a start time yet (a file before its summary): the summary's arrival re-runs this.
                continue;
            }

            if (!existing.TryGetValue(key, out var run))
            {
                run = new MatchedRun { RunnerId = runnerId, ActivityKey = key, MatchedAtUtc = now };
                runs.Add(run);
                existing[key] = run;
            }
            else
            {
                changedDates.Add(run.LocalDate);
            }

            ApplySummary(run, summary, start, sources.Details(key) is not null, sources.Fit(key).Bytes is not null);
            changedDates.Add(run.LocalDate);
        }

        // Decide the days around every changed run together, with the sessions of those days and the day on each side.
        var touched = existing.Values.ToList();
        if (changedDates.Count > 0)
        {
            var from = changedDates.Min().AddDays(-1);
            var to = changedDates.Max().AddDays(1);
            var window = await runs.Where(r => r.RunnerId == runnerId && r.LocalDate >= from && r.LocalDate <= to).ToListAsync(cancellationToken);
            var windowRuns = window.Concat(touched.Where(r => r.Id == 0)).DistinctBy(r => r.ActivityKey).Where(r => r.LocalDate >= from && r.LocalDate <= to).ToList();
            await PairAsync(db, runnerId, windowRuns, sources, from, to, cancellationToken);
            touched = [.. touched.Concat(windowRuns).DistinctBy(r => r.ActivityKey)];
        }

        // Two runs may swap sessions: clear the moved pairings first so the one-run-per-session index never sees a duplicate.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var moved = db.ChangeTracker.Entries<MatchedRun>()
            .Where(e => e.State == EntityState.Modified && e.Property(r => r.SessionId).IsModified && e.Property(r => r.SessionId).OriginalValue is not null)
            .Select(e => (Entry: e, Target: e.Entity.SessionId))
            .ToList();
        foreach (var (entry, _) in moved)
        {
            entry.Entity.SessionId = null;
        }

        if (moved.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            foreach (var (entry, target) in moved)
            {
                entry.Entity.SessionId = target;
            }
        }

        var sessions = await LoadSessionsAsync(db, runnerId, touched.Select(r => r.SessionId), cancellationToken);
        var paces = await RunnerPacesAsync(db, runnerId, cancellationToken);
        foreach (var run in touched.Where(r => keys.Contains(r.ActivityKey) || db.Entry(r).Property(x => x.SessionId).IsModified || r.Id == 0))
        {
            var (detailSource, fitSource) = (sources.Details(run.ActivityKey), sources.Fit(run.ActivityKey));
            if (detailSource is null && fitSource.Bytes is null && !keys.Contains(run.ActivityKey))
            {
                // Its deliveries were not loaded in this run: load them (a run that only changed session).
                sources = await RunSources.LoadAsync(db, runnerId, [run.ActivityKey], cancellationToken, sources);
                (detailSource, fitSource) = (sources.Details(run.ActivityKey), sources.Fit(run.ActivityKey));
            }

            var session = run.SessionId is { } id ? sessions.GetValueOrDefault(id) : null;
            Analyse(run, session, paces, detailSource, fitSource, now);
        }

        await db.SaveChangesAsync(cancellationToken);

        // A delivery's flag is cleared only if it is still the version we read: a newer one keeps it for the next run.
        foreach (var a in pendingActivities)
        {
            await db.GarminActivities.Where(x => x.Id == a.Id && x.SourceInboxId == a.SourceInboxId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.NeedsMatching, false), cancellationToken);
        }

        var fileIds = pendingFiles.Select(f => f.Id).ToList();
        if (fileIds.Count > 0)
        {
            await db.GarminFiles.Where(f => fileIds.Contains(f.Id)).ExecuteUpdateAsync(s => s.SetProperty(f => f.NeedsMatching, false), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        LogMatched(runnerId, keys.Count);
    }

    private static void ApplySummary(MatchedRun run, GarminActivitySummary summary, long start, bool hasDetails, bool hasFit)
    {
        run.ActivityType = summary.ActivityType;
        run.IsRunning = RunActivityTypes.IsRunning(summary.ActivityType);
        run.Name = summary.ActivityName is { Length: > 256 } long_ ? long_[..256] : summary.ActivityName;
        run.StartTimeUtc = DateTime.UnixEpoch.AddSeconds(start);
        run.StartTimeOffsetSeconds = (int)(summary.StartTimeOffsetInSeconds ?? 0);
        run.LocalDate = GarminActivityTime.LocalDate(start, summary.StartTimeOffsetInSeconds ?? 0);
        run.TimerSeconds = summary.DurationInSeconds;
        run.DistanceMetres = summary.DistanceInMeters;
        run.AverageHeartRate = summary.AverageHeartRateInBeatsPerMinute is { } hr ? (int)Math.Round(hr) : null;
        run.MaxHeartRate = summary.MaxHeartRateInBeatsPerMinute is { } max ? (int)Math.Round(max) : null;
        run.HasDetails = hasDetails;
        run.HasFitFile = hasFit;
        if (!run.IsRunning)
        {
            run.PairAutomatically(null, MatchMethod.Unplanned);
        }
    }

    private async Task PairAsync(
        CoopahDbContext db, string runnerId, List<MatchedRun> windowRuns, RunSources sources, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var paces = await RunnerPacesAsync(db, runnerId, cancellationToken);
        var candidates = await db.RunnerSessions.AsNoTracking()
            .Where(s => s.RunnerId == runnerId && !s.Deleted && !s.Skipped && s.Date >= from.AddDays(-1) && s.Date <= to.AddDays(1))
            .ToListAsync(cancellationToken);
        var codes = windowRuns.Select(r => (Run: r, Id: SessionCodeOf(r, sources))).Where(x => x.Id is not null).ToDictionary(x => x.Run.ActivityKey, x => x.Id!.Value);
        var codedIds = codes.Values.Except(candidates.Select(c => c.Id)).ToList();
        if (codedIds.Count > 0)
        {
            // A coded session may be on any day (done early or late); only this runner's own sessions count.
            candidates.AddRange(await db.RunnerSessions.AsNoTracking()
                .Where(s => s.RunnerId == runnerId && !s.Deleted && !s.Skipped && codedIds.Contains(s.Id)).ToListAsync(cancellationToken));
        }

        var candidateIds = candidates.Select(c => c.Id).ToList();
        var windowIds = windowRuns.Where(r => r.Id != 0).Select(r => r.Id).ToList();
        var takenElsewhere = (await db.Set<MatchedRun>().AsNoTracking()
            .Where(r => r.RunnerId == runnerId && r.SessionId != null && candidateIds.Contains(r.SessionId.Value) && !windowIds.Contains(r.Id))
            .Select(r => r.SessionId!.Value).ToListAsync(cancellationToken)).ToHashSet();

        var options = new EstimateOptions { Paces = paces ?? PersonalPaces.Reference };
        var toMatch = windowRuns.Where(r => r.IsRunning).Select(r => new RunToMatch(
            r.Id == 0 ? -windowRuns.IndexOf(r) - 1 : r.Id, r.LocalDate, r.LocalStart, codes.TryGetValue(r.ActivityKey, out var c) ? c : null,
            r.TimerSeconds, r.DistanceMetres, r.MatchLocked ? new ManualPairing(r.SessionId) : null)).ToList();
        var sessionsToMatch = candidates.DistinctBy(s => s.Id).Select(s =>
        {
            var estimate = SessionEstimator.Estimate(s.Steps, options);
            return new SessionToMatch(s.Id, s.Date, estimate.DurationSeconds, estimate.DistanceMetres);
        }).ToList();

        var decisions = SessionMatcher.Match(toMatch, sessionsToMatch, takenElsewhere);
        foreach (var (run, decision) in toMatch.Zip(decisions))
        {
            var entity = windowRuns.First(r => (r.Id == 0 ? -windowRuns.IndexOf(r) - 1 : r.Id) == run.RunId);
            entity.PairAutomatically(decision.SessionId, decision.Method);
        }
    }

    private static int? SessionCodeOf(MatchedRun run, RunSources sources)
    {
        var fitName = sources.Fit(run.ActivityKey).Activity?.Workout?.Name;
        foreach (var name in new[] { fitName, run.Name })
        {
            if (GarminWorkoutMapper.TryExtractSessionCode(name, out var code) && SessionWorkoutMapper.SessionIdFromCode(code) is { } id)
            {
                return id;
            }
        }

        return null;
    }

    private static async Task<Dictionary<int, RunnerSession>> LoadSessionsAsync(
        CoopahDbContext db, string runnerId, IEnumerable<int?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<int>().Distinct().ToList();
        return await db.RunnerSessions.AsNoTracking().Where(s => s.RunnerId == runnerId && wanted.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
    }

    private static async Task<PersonalPaces?> RunnerPacesAsync(CoopahDbContext db, string runnerId, CancellationToken cancellationToken)
    {
        var goal = await db.RunnerGoals.AsNoTracking().FirstOrDefaultAsync(g => g.RunnerId == runnerId, cancellationToken);
        return goal is null ? null : PersonalPaces.FromRace(goal.PaceDistanceMetres, goal.PaceTimeSeconds);
    }

    /// <summary>Intervals and compliance for a run against its session (or none), replacing the previous result.</summary>
    private void Analyse(MatchedRun run, RunnerSession? session, PersonalPaces? paces, GarminActivityDetail? details, FitSource fit, DateTime now)
    {
        var plan = session is null
            ? []
            : WorkoutExpansion.Expand(SessionWorkoutMapper.ToPlanned(SessionWorkoutMapper.SessionCode(session.Id), session.Name, null, session.Steps, paces));
        var notes = new List<string>();
        if (fit.Error is { } error)
        {
            notes.Add("The FIT file could not be read: " + error);
        }

        IntervalReconstruction result;
        try
        {
            result = IntervalReconstructor.Reconstruct(plan, details, fit.Activity);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FitFormatException)
        {
            LogReconstructionFailed(run.ActivityKey, ex);
            notes.Add("The intervals could not be rebuilt: " + ex.Message);
            result = IntervalReconstruction.Empty;
        }

        notes.AddRange(result.Notes);
        run.NeedsAnalysis = false;
        run.MatchedAtUtc = now;
        run.SplitsJson = RunJson.Write(result.Splits);
        run.TraceJson = RunJson.Write(RunTrace.From(result.Trace));
        run.Notes = notes.Count == 0 ? null : string.Join(" ", notes) is { Length: > 2000 } n ? n[..2000] : string.Join(" ", notes);
        if (result.Intervals.Count > 0)
        {
            run.IntervalSource = result.Source;
            run.TimerSeconds = result.Intervals.Sum(i => i.TimerDurationInSeconds);
            run.DistanceMetres = result.Intervals.Sum(i => i.DistanceInMeters);
        }
        else
        {
            run.IntervalSource = null;
        }

        if (session is null)
        {
            run.Score = null;
            run.Colour = null;
            run.CompletionPercent = null;
            run.TimeInTarget = null;
            run.IntervalsJson = RunJson.Write(result.Intervals.Select(i => Row(null, i, null)).ToList());
            return;
        }

        var planned = SessionEstimator.Estimate(session.Steps, new EstimateOptions { Paces = paces ?? PersonalPaces.Reference });
        var intervals = result.Intervals.Count > 0
            ? result.Intervals
            : [new ExecutedInterval(null, (run.StartTimeUtc - DateTime.UnixEpoch).TotalSeconds, 0, run.TimerSeconds ?? 0, run.TimerSeconds ?? 0, run.DistanceMetres ?? 0, run.AverageHeartRate, run.MaxHeartRate, IntervalSource.PlanOverlay)];
        var compliance = ComplianceRules.Score(plan, intervals, result.Trace, planned.DurationSeconds);
        run.Score = compliance.Score;
        run.Colour = compliance.Colour;
        run.CompletionPercent = compliance.CompletionPercent;
        run.TimeInTarget = compliance.TimeInTarget;
        run.IntervalsJson = RunJson.Write(result.Intervals
            .Select((interval, i) => Row(interval.StepIndex is { } s && s < plan.Count ? plan[s] : null, interval, compliance.Intervals[i]))
            .ToList());
    }

    private static RunIntervalRow Row(PlannedInterval? step, ExecutedInterval interval, IntervalCompliance? compliance) => new(
        interval.StepIndex,
        step is null ? (interval.IsAfterWorkout ? "After the workout" : "Lap") : RunJson.Label(step),
        step?.Intensity.ToString() ?? "Active",
        step?.Repeat?.Number,
        step?.Repeat?.Count,
        step?.Duration switch { TimeDuration => "Time", DistanceDuration => "Distance", OpenDuration => "Open", _ => "None" },
        step?.PlannedSeconds ?? step?.PlannedMetres,
        step?.PaceBand?.Fast,
        step?.PaceBand?.Slow,
        interval.StartTimeInSeconds,
        interval.StartTimerSeconds,
        interval.TimerDurationInSeconds,
        interval.ElapsedDurationInSeconds,
        interval.DistanceInMeters,
        interval.AverageHeartRate,
        interval.MaxHeartRate,
        compliance?.AchievedRatio,
        compliance?.TimeInTarget,
        compliance?.Score ?? 100,
        compliance?.Colour ?? ComplianceColour.Grey,
        interval.Source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Matched {Count} run(s) of runner {RunnerId}")]
    private partial void LogMatched(string runnerId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intervals of run {ActivityKey} could not be rebuilt")]
    private partial void LogReconstructionFailed(string activityKey, Exception exception);
}
