using Coopah.Core.Plans;
using Coopah.Web.Authorization;
using Coopah.Web.Data;
using Coopah.Web.Plans;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Coopah.Web.Components.Pages.Runner;

public sealed partial class GoalWizardPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    private static readonly DayOfWeek[] WeekDays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private static readonly IReadOnlyList<string> TimeZones =
        [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Prepend("UTC").Distinct(StringComparer.Ordinal)];

    private string _runnerId = "";
    private bool _loaded;
    private bool _hasGoal;
    private bool _saving;
    private IReadOnlyList<PlanSummary> _plans = [];

    private GoalDistanceKind _goalKind = GoalDistanceKind.TenK;
    private double _customKm = 15;
    private int _planId;
    private bool _byDate = true;
    private string? _goalDate;
    private int _weeks = 8;
    private readonly HashSet<DayOfWeek> _runDays = [DayOfWeek.Tuesday, DayOfWeek.Thursday, DayOfWeek.Saturday, DayOfWeek.Sunday];
    private DayOfWeek _longRunDay = DayOfWeek.Sunday;
    private string? _timeZone = "UTC";
    private PaceSource _paceSource = PaceSource.RecentRace;
    private GoalDistanceKind _raceKind = GoalDistanceKind.FiveK;
    private double _raceCustomKm = 3;
    private string? _time = "25:00";

    private DateOnly _today;
    private string? _error;
    private GoalField? _errorField;
    private GoalPreview? _preview;
    private bool _scrollToActions;

    /// <summary>The goal date as the picker holds it; the wizard keeps and sends the ISO text.</summary>
    private DateTime? GoalDay
    {
        get => PlanText.ParseIso(_goalDate)?.ToDateTime(TimeOnly.MinValue);
        set => _goalDate = value is { } day ? PlanText.Iso(DateOnly.FromDateTime(day)) : null;
    }

    private bool Marked(GoalField field) => _errorField == field;

    private string? ErrorFor(GoalField field) => _errorField == field ? _error : null;

    protected override async Task OnInitializedAsync()
    {
        _runnerId = (await AuthState).User.RequireUserId();
        _plans = await Library.ListOfferedAsync();
        _today = await Calendar.TodayAsync(_runnerId);
        _goalDate = PlanText.Iso(_today.AddDays(7 * 10));
        if (await Calendar.GetGoalAsync(_runnerId) is { } goal)
        {
            // Start from the current goal so a change is a small edit.
            _hasGoal = true;
            _goalKind = goal.GoalKind;
            _customKm = goal.GoalMetres / 1000;
            _planId = goal.PlanId;
            _byDate = goal.GoalDate is not null;
            _goalDate = goal.GoalDate is { } date ? PlanText.Iso(date) : _goalDate;
            _weeks = goal.Weeks ?? _weeks;
            _runDays.Clear();
            _runDays.UnionWith(PlanMapping.RunDayList(goal.RunDays));
            _longRunDay = goal.LongRunDay;
            _timeZone = goal.TimeZoneId ?? "UTC";
            _paceSource = goal.PaceSource;
            _raceKind = GoalDistance.KindOf(goal.PaceDistanceMetres);
            _raceCustomKm = goal.PaceDistanceMetres / 1000;
            _time = Pace.FormatDuration(goal.PaceTimeSeconds);
        }

        _loaded = true;
    }

    private static Task<IEnumerable<string>> SearchZones(string text, CancellationToken cancellationToken) =>
        Task.FromResult(string.IsNullOrWhiteSpace(text) || TimeZones.Contains(text)
            ? TimeZones.Take(20)
            : TimeZones.Where(z => z.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)));

    private void GoalKindChanged(GoalDistanceKind kind)
    {
        _goalKind = kind;
        _planId = 0;
    }

    private void ToggleDay(DayOfWeek day, bool on)
    {
        if (on)
        {
            _runDays.Add(day);
        }
        else
        {
            _runDays.Remove(day);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_scrollToActions)
        {
            _scrollToActions = false;
            await Scroll.ScrollIntoViewAsync("#goal-actions", ScrollBehavior.Smooth);
        }
    }

    private GoalInput? Fail(string error, GoalField field)
    {
        _error = error;
        _errorField = field;
        return null;
    }

    private GoalInput? Input()
    {
        _error = null;
        _errorField = null;
        _scrollToActions = true;
        if (PlanText.ParseTime(_time) is not { } seconds)
        {
            return Fail("Write the time as h:mm:ss or mm:ss, for example 24:30 or 1:52:00.", GoalField.Time);
        }

        DateOnly? goalDate = null;
        if (_byDate)
        {
            goalDate = PlanText.ParseIso(_goalDate);
            if (goalDate is null)
            {
                return Fail("Choose a goal date.", GoalField.When);
            }
        }

        if (!string.IsNullOrWhiteSpace(_timeZone) && !TimeZones.Contains(_timeZone))
        {
            return Fail($"Unknown time zone '{_timeZone}': pick one from the list, e.g. Europe/London.", GoalField.TimeZone);
        }

        if (_runDays.Count == 0)
        {
            return Fail("Choose at least one day of the week to run on.", GoalField.RunDays);
        }

        return new GoalInput
        {
            Goal = GoalDistance.Of(_goalKind, _customKm),
            PlanId = _planId == 0 ? null : _planId,
            GoalDate = goalDate,
            Weeks = _byDate ? null : _weeks,
            RunDays = [.. _runDays],
            LongRunDay = _longRunDay,
            PaceSource = _paceSource,
            RaceDistanceMetres = GoalDistance.Of(_raceKind, _raceCustomKm).Metres,
            TimeSeconds = seconds,
            TimeZoneId = string.IsNullOrWhiteSpace(_timeZone) || _timeZone == "UTC" ? null : _timeZone,
        };
    }

    private async Task PreviewAsync()
    {
        _preview = null;
        if (Input() is not { } input)
        {
            return;
        }

        var preview = await Calendar.PreviewGoalAsync(_runnerId, input);
        _error = preview.Error;
        _errorField = preview.Field;
        _preview = preview.Succeeded ? preview : null;
    }

    private async Task ConfirmAsync()
    {
        if (Input() is not { } input)
        {
            return;
        }

        _saving = true;
        var result = await Calendar.SetGoalAsync(_runnerId, input);
        _saving = false;
        if (!result.Succeeded)
        {
            _error = result.Error;
            _errorField = result.Field;
            _preview = null;
            return;
        }

        Snackbar.Add(result.Diff!.ChangedCount == 1 ? "Goal saved: 1 session changed." : $"Goal saved: {result.Diff.ChangedCount} sessions changed.", Severity.Success);
        Navigation.NavigateTo("calendar");
    }
}
