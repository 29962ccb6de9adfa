using Coopah.Core.Plans;
using Coopah.Web.Authorization;
using Coopah.Web.Data;
using Coopah.Web.Garmin.Sync;
using Coopah.Web.Matching;
using Coopah.Web.Plans;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Coopah.Web.Components.Pages.Runner;

public sealed partial class CalendarPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "view")] public string? View { get; set; }

    [SupplyParameterFromQuery(Name = "date")] public string? Date { get; set; }

    private static readonly DayOfWeek[] WeekDays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>How often the badges follow a send in progress, and for how long at most.</summary>
    private static readonly TimeSpan SyncPollInterval = TimeSpan.FromSeconds(3);
    private const int SyncPollLimit = 40;

    private readonly CancellationTokenSource _disposed = new();
    private bool _followingSync;
    private string _runnerId = "";
    private DateOnly _today;
    private DateOnly _anchor;
    private bool _loaded;
    private bool _hasGoal;
    private DateOnly? _goalDate;
    private IReadOnlyList<RunnerSession> _sessions = [];
    private IReadOnlyDictionary<int, SessionSyncView> _sync = new Dictionary<int, SessionSyncView>();
    private CalendarMarks _marks = CalendarMarks.Empty;
    private EstimateOptions _estimate = EstimateOptions.Default;

    private bool Week => string.Equals(View, "week", StringComparison.OrdinalIgnoreCase);

    private string Title => Week
        ? $"Week of {PlanText.Date(First)}"
        : _anchor.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The Monday the grid starts on.</summary>
    private DateOnly First
    {
        get
        {
            var start = Week ? _anchor : new DateOnly(_anchor.Year, _anchor.Month, 1);
            return start.AddDays(-(((int)start.DayOfWeek + 6) % 7));
        }
    }

    private IEnumerable<DateOnly> Days
    {
        get
        {
            if (Week)
            {
                return Enumerable.Range(0, 7).Select(First.AddDays);
            }

            var last = new DateOnly(_anchor.Year, _anchor.Month, 1).AddMonths(1).AddDays(-1);
            var count = ((last.DayNumber - First.DayNumber) / 7 + 1) * 7;
            return Enumerable.Range(0, count).Select(First.AddDays);
        }
    }

    private bool InRange(DateOnly date) => Days.Contains(date);

    /// <summary>
    /// The calendar shows dates within these bounds; a date outside (say 9999-12-31) is shown as the nearest bound,
    /// because the grid's padding weeks and Previous/Next would step past DateOnly's range and throw.
    /// </summary>
    internal static readonly DateOnly MinDate = new(1900, 1, 1);

    internal static readonly DateOnly MaxDate = new(2199, 12, 31);

    internal static DateOnly Clamp(DateOnly date) => date < MinDate ? MinDate : date > MaxDate ? MaxDate : date;

    protected override async Task OnParametersSetAsync()
    {
        var runnerId = (await AuthState).User.RequireUserId();
        _runnerId = runnerId;
        _today = await Calendar.TodayAsync(runnerId);
        _anchor = Clamp(PlanText.ParseIso(Date) ?? _today);
        var goal = await Calendar.GetGoalAsync(runnerId);
        _hasGoal = goal is not null;
        _goalDate = goal is null ? null : goal.GoalDate ?? goal.StartDate.AddDays((7 * (goal.Weeks ?? 0)) - 1);
        _estimate = goal is null ? EstimateOptions.Default : new EstimateOptions { Paces = goal.Paces() };
        var days = Days.ToList();
        _sessions = await Calendar.GetSessionsAsync(runnerId, days[0], days[^1]);
        _sync = await SyncStatus.ForSessionsAsync(runnerId, _sessions);
        _marks = await Marks.MarksAsync(runnerId, days[0], days[^1]);
        _loaded = true;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // A month of seven columns leaves a phone only dots; without a chosen view, phones start on the week.
        if (firstRender && View is null && await Viewport.GetCurrentBreakpointAsync() == Breakpoint.Xs)
        {
            Go(_anchor, "week", replace: true);
        }

        if (!_followingSync && _sync.Values.Any(s => s.Kind == SessionSyncKind.Pending))
        {
            _followingSync = true;
            _ = FollowSyncAsync(_disposed.Token);
        }
    }

    /// <summary>While sessions are on their way to Garmin, the badges follow the sync job instead of waiting for a reload.</summary>
    private async Task FollowSyncAsync(CancellationToken cancellationToken)
    {
        try
        {
            for (var i = 0; i < SyncPollLimit && _sync.Values.Any(s => s.Kind == SessionSyncKind.Pending); i++)
            {
                await Task.Delay(SyncPollInterval, Time, cancellationToken);
                _sync = await SyncStatus.ForSessionsAsync(_runnerId, _sessions, cancellationToken);
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException)
        {
            // The runner left the page.
        }
        finally
        {
            _followingSync = false;
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }

    private void Go(DateOnly date, string? view, bool replace = false) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters("calendar", new Dictionary<string, object?>
        {
            ["view"] = string.Equals(view, "week", StringComparison.OrdinalIgnoreCase) ? "week" : "month",
            ["date"] = PlanText.Iso(date),
        }), replace: replace);
}
