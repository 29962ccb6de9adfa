using System.Globalization;
using Coopah.Core.Matching;
using Coopah.Core.Plans;

namespace Coopah.Web.Matching;

/// <summary>A run as the lists show it (review queue, athlete page, dashboards).</summary>
public sealed record RunListItem(
    long Id,
    string RunnerId,
    string RunnerName,
    DateOnly Date,
    DateTime LocalStart,
    string? RawName,
    bool IsRunning,
    double? DistanceMetres,
    double? TimerSeconds,
    int? AverageHeartRate,
    int? SessionId,
    string? SessionName,
    MatchMethod Method,
    int? Score,
    ComplianceColour? Colour,
    bool Reviewed,
    bool Flagged)
{
    public string Name => RunNames.Display(RawName);

    public RunState State => RunStates.Of(SessionId, Colour, IsRunning);

    public string Distance => RunFormat.Kilometres(DistanceMetres);

    public string Time => RunFormat.Duration(TimerSeconds);

    public string Pace => RunFormat.Pace(TimerSeconds, DistanceMetres);
}

/// <summary>What a run or a session shows as its state: the colour always comes with a label and an icon.</summary>
public enum RunState
{
    OnTarget,
    Partly,
    OffTarget,
    Missed,
    Unplanned,
    Pending,
    OtherActivity,
    Planned,
}

public static class RunStates
{
    public static RunState Of(int? sessionId, ComplianceColour? colour, bool isRunning) => (isRunning, sessionId, colour) switch
    {
        (false, _, _) => RunState.OtherActivity,
        (_, null, _) => RunState.Unplanned,
        (_, _, ComplianceColour.Green) => RunState.OnTarget,
        (_, _, ComplianceColour.Yellow) => RunState.Partly,
        (_, _, ComplianceColour.Red) => RunState.OffTarget,
        _ => RunState.Pending,
    };

    public static RunState FromColour(ComplianceColour? colour) => colour switch
    {
        ComplianceColour.Green => RunState.OnTarget,
        ComplianceColour.Yellow => RunState.Partly,
        ComplianceColour.Red => RunState.OffTarget,
        ComplianceColour.Grey => RunState.Missed,
        _ => RunState.Pending,
    };

    public static string Label(RunState state) => state switch
    {
        RunState.OnTarget => "On target",
        RunState.Partly => "Partly",
        RunState.OffTarget => "Off target",
        RunState.Missed => "Missed",
        RunState.Unplanned => "Unplanned",
        RunState.Pending => "Matching",
        RunState.OtherActivity => "Other activity",
        _ => "Planned",
    };

    /// <summary>CSS class carrying the colour (see app.css); the label and icon carry the meaning.</summary>
    public static string CssClass(RunState state) => "state-" + state.ToString().ToLowerInvariant();
}

/// <summary>Formatting for run figures (invariant culture, dashes for unknowns).</summary>
public static class RunFormat
{
    public static string Kilometres(double? metres) =>
        metres is { } m ? (m / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " km" : "–";

    public static string Duration(double? seconds) =>
        seconds is { } s ? Core.Plans.Pace.FormatDuration((int)Math.Round(s)) : "–";

    /// <summary>Tenths of a second: interval times are exact, and an 800 m rep of 2:55.4 is not 2:55.</summary>
    public static string PreciseDuration(double seconds)
    {
        var tenths = (long)Math.Round(seconds * 10, MidpointRounding.AwayFromZero);
        var whole = tenths / 10;
        return Core.Plans.Pace.FormatDuration((int)whole) + "." + (tenths % 10).ToString(CultureInfo.InvariantCulture);
    }

    public static string Pace(double? seconds, double? metres) =>
        seconds is > 0 and var s && metres is >= 1 and var m ? Core.Plans.Pace.Format((int)Math.Round(s / m * 1000)) + " /km" : "–";

    public static string PaceValue(double? secondsPerKm) =>
        secondsPerKm is { } p && double.IsFinite(p) ? Core.Plans.Pace.Format((int)Math.Round(p)) : "–";

    public static string Metres(double metres) => metres.ToString("0.0", CultureInfo.InvariantCulture) + " m";

    public static string Band(double? fast, double? slow) =>
        fast is { } f && slow is { } s ? new PaceRange((int)Math.Round(f), (int)Math.Round(s)).ToString() : "–";

    public static string Percent(double? share) => share is { } v ? Math.Round(v * 100).ToString("0", CultureInfo.InvariantCulture) + " %" : "–";

    public static string Date(DateOnly date) => date.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);

    public static string DateTime(DateTime local) => local.ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    public static string Source(IntervalSource? source) => source switch
    {
        IntervalSource.FitStepLaps => "Exact: the watch's laps for each workout step (FIT file)",
        IntervalSource.FitLaps => "The watch's laps (FIT file), aligned to the plan by order and duration",
        IntervalSource.DetailsInterpolated => "Interpolated between Garmin's samples at the step boundaries (FIT file not received yet)",
        IntervalSource.PlanOverlay => "The plan laid over the run (no step laps recorded)",
        _ => "Summary only: no samples or laps received yet",
    };
}
