using Coopah.Core.Plans;

namespace Coopah.Web.Sandbox;

/// <summary>What happens to a past session (or a day) in the demo story.</summary>
public enum DemoTwist
{
    /// <summary>Run as planned, with everyday variation.</summary>
    AsPlanned,

    /// <summary>No run at all.</summary>
    Missed,

    /// <summary>The session run clearly faster than planned.</summary>
    TooFast,

    /// <summary>The session run clearly slower than planned.</summary>
    TooSlow,

    /// <summary>The runner stopped after less than half of it.</summary>
    CutShort,

    /// <summary>The runner turned back early: about two thirds of it.</summary>
    Shortened,

    /// <summary>Run without starting the workout on the watch: 1 km auto-laps, no step laps, no session code.</summary>
    AutoLapOnly,

    /// <summary>The session plus a second, unplanned jog the same day.</summary>
    DoubleDay,

    /// <summary>A free run on a day without a session.</summary>
    Unplanned,
}

/// <summary>A past session as the story sees it; <c>ByDistance</c> when a step lasts a distance rather than a time.</summary>
public sealed record DemoSession(int Id, DateOnly Date, SessionKind Kind, bool ByDistance = false);

/// <summary>The story of one runner: a twist per session (the others are <see cref="DemoTwist.AsPlanned"/>) and the day of an unplanned run.</summary>
public sealed record DemoStoryPlan(IReadOnlyDictionary<int, DemoTwist> Twists, DateOnly? UnplannedDay)
{
    public DemoTwist TwistOf(int sessionId) => Twists.GetValueOrDefault(sessionId, DemoTwist.AsPlanned);
}

/// <summary>
/// Decides, deterministically, which past sessions carry the demo story's twists. The twists are shared out over the
/// runners (one runner gets them all), each on a session of a fitting kind. The unplanned run (the one run on a day
/// without a session) is kept off the missed session's neighbouring days, where the matcher would pair it with it;
/// the other runs without a session code run on a day with a session, where only that day counts.
/// </summary>
public static class DemoRunStory
{
    /// <summary>
    /// Every twist but <see cref="DemoTwist.AsPlanned"/>, in the order they are shared out (round robin): with three
    /// runners each gets one whose completion shows in its colour (too slow on a distance run, shortened, cut short).
    /// </summary>
    public static IReadOnlyList<DemoTwist> All { get; } =
    [
        DemoTwist.Missed, DemoTwist.DoubleDay, DemoTwist.AutoLapOnly,
        DemoTwist.Unplanned, DemoTwist.TooFast, DemoTwist.CutShort,
        DemoTwist.TooSlow, DemoTwist.Shortened,
    ];

    /// <summary>The twists of the <paramref name="index"/>-th of <paramref name="count"/> runners.</summary>
    public static IReadOnlyList<DemoTwist> TwistsFor(int index, int count) =>
        [.. All.Where((_, i) => i % Math.Max(1, count) == index)];

    /// <param name="past">The runner's sessions before today.</param>
    /// <param name="twists">The twists this runner gets.</param>
    /// <param name="from">The first day of the story (the plan's start).</param>
    /// <param name="today">The runner's today: the story ends the day before.</param>
    public static DemoStoryPlan Plan(IReadOnlyList<DemoSession> past, IReadOnlyCollection<DemoTwist> twists, DateOnly from, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(past);
        ArgumentNullException.ThrowIfNull(twists);
        var assigned = new Dictionary<int, DemoTwist>();
        // The latest sessions first: what a coach opens first should have something to look at.
        var candidates = past.Where(s => s.Date >= from && s.Date < today && s.Kind != SessionKind.Cross)
            .OrderByDescending(s => s.Date).ThenByDescending(s => s.Id).ToList();
        var sessionDays = past.Select(s => s.Date).ToHashSet();

        // A day with two sessions is left alone: which run takes which session is the matcher's business, not the story's.
        var singleSessionDays = past.GroupBy(s => s.Date).Where(g => g.Count() == 1).Select(g => g.Key).ToHashSet();

        void Assign(DemoTwist twist, Func<DemoSession, bool> fits, Func<DemoSession, bool>? required = null)
        {
            if (!twists.Contains(twist))
            {
                return;
            }

            var free = candidates.Where(s => !assigned.ContainsKey(s.Id) && singleSessionDays.Contains(s.Date) && (required?.Invoke(s) ?? true)).ToList();
            if ((free.FirstOrDefault(fits) ?? free.FirstOrDefault()) is { } chosen)
            {
                assigned[chosen.Id] = twist;
            }
        }

        Assign(DemoTwist.TooFast, s => s.Kind is SessionKind.Intervals or SessionKind.Tempo);
        // On a distance run slower means longer, which shows in the completion even before pace is judged.
        Assign(DemoTwist.TooSlow, s => s.Kind == SessionKind.Long && s.ByDistance);
        Assign(DemoTwist.CutShort, s => s.Kind is SessionKind.Tempo or SessionKind.Long);
        Assign(DemoTwist.Shortened, s => s.Kind is SessionKind.Easy or SessionKind.Long);
        Assign(DemoTwist.AutoLapOnly, s => s.Kind is SessionKind.Easy or SessionKind.Recovery);
        Assign(DemoTwist.DoubleDay, s => s.Kind is SessionKind.Easy or SessionKind.Recovery or SessionKind.Long);

        DateOnly? unplanned = null;
        if (twists.Contains(DemoTwist.Unplanned))
        {
            // Not yesterday: today's session, not run yet, would be an unmatched neighbour the run could take.
            unplanned = Enumerable.Range(2, Math.Max(0, today.DayNumber - from.DayNumber - 1))
                .Select(back => today.AddDays(-back))
                .Where(d => !sessionDays.Contains(d))
                .Cast<DateOnly?>()
                .FirstOrDefault();
        }

        // Not the latest session (the coach's newest card should have a run), and not next to the unplanned run's day.
        Assign(
            DemoTwist.Missed,
            s => !s.Kind.IsHard(),
            s => s != candidates[0] && (unplanned is not { } day || Math.Abs(day.DayNumber - s.Date.DayNumber) > 1));

        return new DemoStoryPlan(assigned, unplanned);
    }
}
