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

public sealed partial class SessionPage
{
    [Parameter] public int? Id { get; set; }

    [SupplyParameterFromQuery(Name = "date")] public string? NewDate { get; set; }

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    private string _runnerId = "";
    private bool _loaded;
    private RunnerSession? _session;
    private SessionSyncView? _sync;
    private RunPageView? _run;
    private DateOnly _today;
    private PersonalPaces? _paces;
    private bool _editing;
    private bool _saving;
    private bool _confirmDelete;
    private IReadOnlyList<string> _errors = [];

    private string? _date;

    /// <summary>The date as the (Monday-first) picker holds it; the page keeps the ISO text.</summary>
    private DateTime? Day
    {
        get => PlanText.ParseIso(_date)?.ToDateTime(TimeOnly.MinValue);
        set => _date = value is { } day ? PlanText.Iso(DateOnly.FromDateTime(day)) : null;
    }
    private string _name = "";
    private SessionKind _kind = SessionKind.Easy;
    private IReadOnlyList<StepNode> _steps = [];

    private string BackHref => "calendar?view=month&date=" + (_session is not null ? PlanText.Iso(_session.Date) : _date ?? "");

    protected override async Task OnParametersSetAsync()
    {
        _runnerId = (await AuthState).User.RequireUserId();
        _paces = (await Calendar.GetGoalAsync(_runnerId))?.Paces();
        if (Id is { } id)
        {
            _session = await Calendar.GetSessionAsync(_runnerId, id);
            if (_session is null)
            {
                // Another runner's session looks exactly like a missing one.
                Navigation.NotFound();
                return;
            }

            _editing = false;
            await LoadSyncAsync();
            _today = await Calendar.TodayAsync(_runnerId);
            await LoadRunAsync();
        }
        else
        {
            _session = null;
            _editing = true;
            _date = PlanText.Iso(PlanText.ParseIso(NewDate) ?? await Calendar.TodayAsync(_runnerId));
            _name = "Easy run";
            _kind = SessionKind.Easy;
            _steps = [new WorkoutStep(StepIntensity.Active, StepDuration.Minutes(30), StepTarget.ForZone(PaceZone.Easy))];
        }

        _loaded = true;
    }

    private async Task LoadRunAsync() => _run = _session is null ? null : await RunDetails.ForSessionAsync((await AuthState).User, _session.Id);

    private void StartEdit()
    {
        _date = PlanText.Iso(_session!.Date);
        _name = _session.Name;
        _kind = _session.Kind;
        _steps = _session.Steps;
        _errors = [];
        _editing = true;
    }

    private void Cancel()
    {
        _errors = [];
        if (_session is null)
        {
            Navigation.NavigateTo(BackHref);
            return;
        }

        _editing = false;
    }

    private async Task SaveAsync()
    {
        if (PlanText.ParseIso(_date) is not { } date)
        {
            _errors = ["Choose a date."];
            return;
        }

        _saving = true;
        var edit = new SessionEdit(date, _name ?? "", _kind, _steps);
        var result = _session is null
            ? await Calendar.AddSessionAsync(_runnerId, edit)
            : await Calendar.UpdateSessionAsync(_runnerId, _session.Id, edit);
        _saving = false;
        _errors = result.Errors;
        if (!result.Succeeded)
        {
            // The form keeps everything typed; the errors say what to fix.
            return;
        }

        Snackbar.Add(_session is null ? "Session added." : "Session saved.", Severity.Success);
        if (_session is null)
        {
            Navigation.NavigateTo($"calendar/sessions/{result.SessionId}");
            return;
        }

        _session = await Calendar.GetSessionAsync(_runnerId, _session.Id);
        _editing = false;
        await LoadSyncAsync();
    }

    private async Task LoadSyncAsync() =>
        _sync = _session is null ? null : (await SyncStatus.ForSessionsAsync(_runnerId, [_session])).GetValueOrDefault(_session.Id);

    private async Task ToggleSkipAsync()
    {
        await Calendar.SetSkippedAsync(_runnerId, _session!.Id, !_session.Skipped);
        _session = await Calendar.GetSessionAsync(_runnerId, _session.Id);
        await LoadSyncAsync();
    }

    private async Task DeleteAsync()
    {
        var back = BackHref;
        var result = await Calendar.DeleteSessionAsync(_runnerId, _session!.Id);
        if (result.Succeeded)
        {
            Snackbar.Add("Session deleted.", Severity.Info);
            Navigation.NavigateTo(back);
        }
    }
}
