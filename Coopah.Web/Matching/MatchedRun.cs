using Coopah.Core.Matching;

namespace Coopah.Web.Matching;

/// <summary>
/// One run (one Garmin activity of a runner: its summary, details and FIT file together), paired with a session or
/// not, with its reconstructed intervals and compliance. The matching job owns the figures and the automatic
/// pairing; the coach and the runner own the manual pairing and the review marks.
/// </summary>
public sealed class MatchedRun
{
    public long Id { get; set; }

    public required string RunnerId { get; set; }

    /// <summary>Garmin's activity id (the summary id when Garmin sent none): one run per key and runner.</summary>
    public required string ActivityKey { get; set; }

    public string? ActivityType { get; set; }

    /// <summary>Only running activity types are matched; the others are kept and shown as other activities.</summary>
    public bool IsRunning { get; set; }

    /// <summary>The name as Garmin sent it (may start with our session code).</summary>
    public string? Name { get; set; }

    public DateTime StartTimeUtc { get; set; }

    public int StartTimeOffsetSeconds { get; set; }

    /// <summary>Start time plus Garmin's offset: the runner's calendar day.</summary>
    public DateOnly LocalDate { get; set; }

    public double? TimerSeconds { get; set; }

    public double? DistanceMetres { get; set; }

    public int? AverageHeartRate { get; set; }

    public int? MaxHeartRate { get; set; }

    public bool HasDetails { get; set; }

    public bool HasFitFile { get; set; }

    public int? SessionId { get; set; }

    public MatchMethod Method { get; set; }

    /// <summary>Set by a manual rematch or unmatch: automatic matching keeps the pairing.</summary>
    public bool MatchLocked { get; set; }

    public IntervalSource? IntervalSource { get; set; }

    public int? Score { get; set; }

    public ComplianceColour? Colour { get; set; }

    public int? CompletionPercent { get; set; }

    public double? TimeInTarget { get; set; }

    /// <summary>The interval table (planned and actual, with compliance) as JSON; see <see cref="RunIntervalRow"/>.</summary>
    public string IntervalsJson { get; set; } = "[]";

    /// <summary>Auto-lap splits as JSON; see <see cref="LapSplit"/>.</summary>
    public string SplitsJson { get; set; } = "[]";

    /// <summary>The run on the timer axis, thinned for charts; see <see cref="RunTrace"/>.</summary>
    public string TraceJson { get; set; } = "{}";

    public string? Notes { get; set; }

    public DateTime MatchedAtUtc { get; set; }

    public DateTime? ReviewedAtUtc { get; set; }

    public string? ReviewedById { get; set; }

    public bool Flagged { get; set; }

    public DateTime LocalStart => StartTimeUtc.AddSeconds(StartTimeOffsetSeconds);

    /// <summary>A coach or the runner pairs the run with a session (or with none): automatic matching keeps it.</summary>
    public void PairManually(int? sessionId)
    {
        SessionId = sessionId;
        Method = MatchMethod.Manual;
        MatchLocked = true;
        NeedsAnalysis = true;
    }

    /// <summary>The matcher's pairing; ignored while a manual pairing holds.</summary>
    public bool PairAutomatically(int? sessionId, MatchMethod method)
    {
        if (MatchLocked || (SessionId == sessionId && Method == method))
        {
            return false;
        }

        SessionId = sessionId;
        Method = method;
        return true;
    }

    /// <summary>Set when the pairing changed by hand: the job recomputes the intervals against the new session.</summary>
    public bool NeedsAnalysis { get; set; }

    public void MarkReviewed(string coachId, DateTime at)
    {
        ReviewedAtUtc ??= at;
        ReviewedById ??= coachId;
    }

    public void MarkUnreviewed()
    {
        ReviewedAtUtc = null;
        ReviewedById = null;
    }

    public void SetFlag(bool flagged) => Flagged = flagged;
}

/// <summary>A comment on a run, between the runner and their coach.</summary>
public sealed class RunComment
{
    public long Id { get; set; }

    public long RunId { get; set; }

    public required string AuthorId { get; set; }

    public required string Body { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public const int MaxLength = 2000;
}
