namespace Coopah.Core.Matching;

/// <summary>How a run came to be paired with its session (or not).</summary>
public enum MatchMethod
{
    /// <summary>No session: kept as an unplanned run.</summary>
    Unplanned,

    /// <summary>Our session code ([CP123]) in the FIT workout name or the activity name.</summary>
    SessionCode,

    /// <summary>A session on the run's local date; the best assignment for the whole day.</summary>
    SameDay,

    /// <summary>The only unmatched session of the day before or after, for a run on a day without sessions.</summary>
    AdjacentDay,

    /// <summary>Chosen by the coach or the runner; automatic matching leaves it alone.</summary>
    Manual,
}

/// <summary>A run as the matcher sees it.</summary>
/// <param name="RunId">The caller's id of the run.</param>
/// <param name="LocalDate">Start time plus Garmin's offset, never the UTC date.</param>
/// <param name="LocalStart">Local start time (orders runs of one day).</param>
/// <param name="CodedSessionId">The session id our code in the workout or activity name names, if any.</param>
/// <param name="DurationSeconds">Timer time.</param>
/// <param name="DistanceMetres">Distance.</param>
/// <param name="Lock">A manual choice: the session id, or null for "unplanned"; absent when not locked.</param>
public sealed record RunToMatch(
    long RunId,
    DateOnly LocalDate,
    DateTime LocalStart,
    int? CodedSessionId,
    double? DurationSeconds,
    double? DistanceMetres,
    ManualPairing? Lock = null);

/// <summary>A locked manual pairing; <see cref="SessionId"/> null means "this run has no session".</summary>
public sealed record ManualPairing(int? SessionId);

/// <summary>A session the matcher may pair; skipped and deleted sessions are not passed in.</summary>
/// <param name="SessionId">The session's id.</param>
/// <param name="Date">Its calendar date.</param>
/// <param name="PlannedSeconds">Planned duration (estimated for distance and open steps).</param>
/// <param name="PlannedMetres">Planned distance (estimated for time and open steps).</param>
public sealed record SessionToMatch(int SessionId, DateOnly Date, double? PlannedSeconds, double? PlannedMetres);

/// <summary>The matcher's decision for one run.</summary>
public sealed record RunMatch(long RunId, int? SessionId, MatchMethod Method);

/// <summary>
/// Pairs a runner's runs with their sessions. Pure and deterministic: the same runs and sessions give the same
/// answer, whatever order they arrive in, so a job can re-run it whenever anything changes. Rules, strongest first:
/// <list type="number">
/// <item>manual locks are kept;</item>
/// <item>our session code names the session (one run per session: the closest in volume wins);</item>
/// <item>per local date, the assignment that pairs the most runs, then has the smallest total volume difference
/// (two runs and two sessions on a day are solved together, not first-come);</item>
/// <item>a run on a day with no sessions takes an unmatched session of the day before or after only when exactly
/// one such session exists and no other such run wants it.</item>
/// </list>
/// </summary>
public static class SessionMatcher
{
    /// <summary>Beyond this many runs or sessions on one day, the day is solved greedily (never seen in practice).</summary>
    private const int ExactSolveLimit = 8;

    /// <param name="runs">The runs to decide.</param>
    /// <param name="sessions">Candidate sessions (including those of the days around the runs).</param>
    /// <param name="takenElsewhere">Sessions already paired with runs that are not being decided now.</param>
    public static IReadOnlyList<RunMatch> Match(
        IReadOnlyList<RunToMatch> runs, IReadOnlyList<SessionToMatch> sessions, IReadOnlySet<int>? takenElsewhere = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(sessions);
        var byId = sessions.Where(s => takenElsewhere is null || !takenElsewhere.Contains(s.SessionId))
            .GroupBy(s => s.SessionId).ToDictionary(g => g.Key, g => g.First());
        var decided = new Dictionary<long, RunMatch>();
        var taken = new HashSet<int>();
        var ordered = runs.OrderBy(r => r.LocalStart).ThenBy(r => r.RunId).ToList();

        foreach (var run in ordered.Where(r => r.Lock is not null))
        {
            var sessionId = run.Lock!.SessionId;
            decided[run.RunId] = new RunMatch(run.RunId, sessionId, MatchMethod.Manual);
            if (sessionId is { } id)
            {
                taken.Add(id);
            }
        }

        foreach (var claim in ordered
            .Where(r => !decided.ContainsKey(r.RunId) && r.CodedSessionId is { } id && byId.ContainsKey(id) && !taken.Contains(id))
            .GroupBy(r => r.CodedSessionId!.Value))
        {
            var session = byId[claim.Key];
            var winner = claim.OrderBy(r => Cost(r, session)).ThenBy(r => r.LocalStart).ThenBy(r => r.RunId).First();
            decided[winner.RunId] = new RunMatch(winner.RunId, session.SessionId, MatchMethod.SessionCode);
            taken.Add(session.SessionId);
        }

        var open = byId.Values.Where(s => !taken.Contains(s.SessionId)).ToList();
        foreach (var day in ordered.Where(r => !decided.ContainsKey(r.RunId)).GroupBy(r => r.LocalDate))
        {
            var daySessions = open.Where(s => s.Date == day.Key && !taken.Contains(s.SessionId)).OrderBy(s => s.SessionId).ToList();
            foreach (var (run, session) in AssignDay([.. day], daySessions))
            {
                decided[run.RunId] = new RunMatch(run.RunId, session.SessionId, MatchMethod.SameDay);
                taken.Add(session.SessionId);
            }
        }

        // A day late (or early): only for runs on days that had no session at all, and only when unambiguous.
        var scheduledDays = byId.Values.Select(s => s.Date).Concat(takenElsewhereDates(sessions, takenElsewhere)).ToHashSet();
        var wanting = ordered
            .Where(r => !decided.ContainsKey(r.RunId) && !scheduledDays.Contains(r.LocalDate))
            .Select(r => (Run: r, Candidates: open
                .Where(s => !taken.Contains(s.SessionId) && Math.Abs(s.Date.DayNumber - r.LocalDate.DayNumber) == 1)
                .ToList()))
            .Where(w => w.Candidates.Count == 1)
            .ToList();
        foreach (var group in wanting.GroupBy(w => w.Candidates[0].SessionId).Where(g => g.Count() == 1))
        {
            var (run, candidates) = group.Single();
            decided[run.RunId] = new RunMatch(run.RunId, candidates[0].SessionId, MatchMethod.AdjacentDay);
            taken.Add(candidates[0].SessionId);
        }

        return [.. runs.Select(r => decided.TryGetValue(r.RunId, out var m) ? m : new RunMatch(r.RunId, null, MatchMethod.Unplanned))];

        static IEnumerable<DateOnly> takenElsewhereDates(IReadOnlyList<SessionToMatch> all, IReadOnlySet<int>? elsewhere) =>
            elsewhere is null ? [] : all.Where(s => elsewhere.Contains(s.SessionId)).Select(s => s.Date);
    }

    /// <summary>
    /// How different a run is from a session: the mean absolute log-ratio of duration and distance (0 = identical,
    /// symmetric, so twice as long costs as much as half as long). Unknown volumes cost a neutral 1.
    /// </summary>
    public static double Cost(RunToMatch run, SessionToMatch session)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(session);
        var terms = new List<double>(2);
        if (run.DurationSeconds is > 0 and var actualSeconds && session.PlannedSeconds is > 0 and var plannedSeconds)
        {
            terms.Add(Math.Abs(Math.Log(actualSeconds / plannedSeconds)));
        }

        if (run.DistanceMetres is > 0 and var actualMetres && session.PlannedMetres is > 0 and var plannedMetres)
        {
            terms.Add(Math.Abs(Math.Log(actualMetres / plannedMetres)));
        }

        return terms.Count == 0 ? 1 : terms.Average();
    }

    /// <summary>The pairs of one day: most pairs first, then the least total cost.</summary>
    private static List<(RunToMatch Run, SessionToMatch Session)> AssignDay(List<RunToMatch> runs, List<SessionToMatch> sessions)
    {
        if (runs.Count == 0 || sessions.Count == 0)
        {
            return [];
        }

        if (runs.Count > ExactSolveLimit || sessions.Count > ExactSolveLimit)
        {
            return Greedy(runs, sessions);
        }

        var cost = new double[runs.Count, sessions.Count];
        for (var r = 0; r < runs.Count; r++)
        {
            for (var s = 0; s < sessions.Count; s++)
            {
                cost[r, s] = Cost(runs[r], sessions[s]);
            }
        }

        // Exhaustive search over injections of the smaller side into the larger: at most 8!/(8-k)! assignments.
        var pairs = Math.Min(runs.Count, sessions.Count);
        var best = new int[runs.Count];
        var current = new int[runs.Count];
        Array.Fill(current, -1);
        var used = new bool[sessions.Count];
        var bestCost = double.PositiveInfinity;
        Search(0, 0, 0);

        var result = new List<(RunToMatch, SessionToMatch)>(pairs);
        for (var r = 0; r < runs.Count; r++)
        {
            if (best[r] >= 0)
            {
                result.Add((runs[r], sessions[best[r]]));
            }
        }

        return result;

        void Search(int r, int paired, double total)
        {
            // Prune: the remaining runs cannot reach the required number of pairs.
            if (paired + (runs.Count - r) < pairs || total >= bestCost - 1e-12)
            {
                return;
            }

            if (r == runs.Count)
            {
                bestCost = total;
                Array.Copy(current, best, current.Length);
                return;
            }

            for (var s = 0; s < sessions.Count; s++)
            {
                if (used[s])
                {
                    continue;
                }

                used[s] = true;
                current[r] = s;
                Search(r + 1, paired + 1, total + cost[r, s]);
                used[s] = false;
            }

            current[r] = -1;
            Search(r + 1, paired, total);
        }
    }

    private static List<(RunToMatch Run, SessionToMatch Session)> Greedy(List<RunToMatch> runs, List<SessionToMatch> sessions)
    {
        var result = new List<(RunToMatch, SessionToMatch)>();
        var freeRuns = runs.ToList();
        var freeSessions = sessions.ToList();
        while (freeRuns.Count > 0 && freeSessions.Count > 0)
        {
            var (run, session) = freeRuns.SelectMany(r => freeSessions.Select(s => (r, s))).MinBy(p => Cost(p.r, p.s));
            result.Add((run, session));
            freeRuns.Remove(run);
            freeSessions.Remove(session);
        }

        return result;
    }
}
