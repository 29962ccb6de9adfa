using System.Globalization;
using Coopah.Core.Plans;

namespace Coopah.Web.Plans;

/// <summary>How plans, goals and sessions are written in the UI (invariant culture, as everywhere in Coopah).</summary>
public static class PlanText
{
    public static string Goal(GoalDistance goal) => goal.Kind switch
    {
        GoalDistanceKind.FiveK => "5 km",
        GoalDistanceKind.TenK => "10 km",
        GoalDistanceKind.HalfMarathon => "Half marathon",
        GoalDistanceKind.Marathon => "Marathon",
        _ => Kilometres(goal.Metres),
    };

    public static string Kilometres(double metres) => (metres / 1000).ToString("0.##", CultureInfo.InvariantCulture) + " km";

    /// <summary>The CSS class that colours a session by kind (see app.css).</summary>
    public static string KindClass(SessionKind kind) => "kind-" + kind.ToString().ToLowerInvariant();

    public static string Estimate(SessionEstimate estimate) =>
        (estimate.IsApproximate ? "about " : "") + Pace.FormatDuration(estimate.DurationSeconds) + " · "
        + (estimate.DistanceMetres / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " km";

    public static string Date(DateOnly date) => date.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? ParseIso(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>Reads <c>h:mm:ss</c> or <c>mm:ss</c> as seconds.</summary>
    public static int? ParseTime(string? text)
    {
        var parts = (text ?? "").Trim().Split(':');
        if (parts.Length is < 2 or > 3 || parts.Any(p => !int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            return null;
        }

        var numbers = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        if (numbers.Skip(1).Any(n => n >= 60))
        {
            return null;
        }

        return numbers.Aggregate(0, (total, n) => (total * 60) + n);
    }
}
