using Coopah.Core.Plans;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Coopah.Web.Components.Pages.Admin.Plans;

public sealed partial class PlanEditorPage
{
    [Parameter] public int Id { get; set; }

    private PlanTemplate? _plan;
    private bool _archived;
    private bool _published;
    private string _issuesTitle = "Not saved:";
    private IReadOnlyList<ValidationIssue> _issues = [];
    private bool _issuesFromSession;
    private SessionDraft? _draft;

    private string _name = "";
    private string _description = "";
    private GoalDistanceKind _goalKind;
    private double _customKm;
    private int _weeks;
    private int _minimumWeeks;

    /// <summary>The session being edited; the original week/order are null for a new one.</summary>
    private sealed class SessionDraft
    {
        public int? OriginalWeek { get; init; }

        public int? OriginalOrder { get; init; }

        public string Name { get; set; } = "";

        public SessionKind Kind { get; set; }

        public int Week { get; set; }

        public IReadOnlyList<StepNode> Steps { get; set; } = [];
    }

    private string? FieldError(string code) => _issues.FirstOrDefault(i => i.Code == code)?.Message;

    private bool DraftValid => _draft is not null && !string.IsNullOrWhiteSpace(_draft.Name) && PlanValidator.ValidateSteps(_draft.Steps).Count == 0;

    protected override async Task OnParametersSetAsync()
    {
        if (!await LoadAsync())
        {
            Navigation.NotFound();
        }
    }

    private async Task<bool> LoadAsync()
    {
        var document = await Library.GetAsync(Id);
        if (document is null)
        {
            _plan = null;
            return false;
        }

        _plan = document.Template;
        _archived = document.Archived;
        _published = document.Published;
        _name = _plan.Name;
        _description = _plan.Description;
        _goalKind = _plan.Goal.Kind;
        _customKm = _plan.Goal.Metres / 1000;
        _weeks = _plan.Weeks;
        _minimumWeeks = _plan.MinimumWeeks;
        return true;
    }

    private void Select(SessionTemplate session) => OpenDraft(new SessionDraft
    {
        OriginalWeek = session.Week,
        OriginalOrder = session.Order,
        Name = session.Name,
        Kind = session.Kind,
        Week = session.Week,
        Steps = session.Steps,
    });

    private void NewSession(int week) => OpenDraft(new SessionDraft
    {
        Name = "New session",
        Kind = SessionKind.Easy,
        Week = week,
        Steps = [new WorkoutStep(StepIntensity.Active, StepDuration.Minutes(30), StepTarget.ForZone(PaceZone.Easy))],
    });

    /// <summary>Opens (or, with null, closes) the session editor; what a refused session save said belongs to the old draft.</summary>
    private void OpenDraft(SessionDraft? draft)
    {
        _draft = draft;
        if (_issuesFromSession)
        {
            _issues = [];
            _issuesFromSession = false;
        }
    }

    private Task SaveDetailsAsync() => SaveAsync(_plan! with
    {
        Name = _name ?? "",
        Description = _description ?? "",
        Goal = GoalDistance.Of(_goalKind, _customKm),
        Weeks = _weeks,
        MinimumWeeks = _minimumWeeks,
    }, "Plan details saved.");

    private Task SaveSessionAsync()
    {
        var draft = _draft!;
        var plan = draft is { OriginalWeek: { } week, OriginalOrder: { } order }
            ? _plan!.WithSessionEdited(week, order, draft.Week, draft.Name, draft.Kind, draft.Steps)
            : _plan!.WithSessionAdded(draft.Week, draft.Name, draft.Kind, draft.Steps);
        return SaveAsync(plan, $"Session '{draft.Name.Trim()}' saved.", closeDraft: true, fromSession: true);
    }

    /// <summary>Swaps the selected (saved) session with its neighbour in the week; the draft's unsaved edits stay open.</summary>
    private async Task ReorderAsync(int delta)
    {
        if (_draft is not { OriginalWeek: { } week, OriginalOrder: { } order })
        {
            return;
        }

        var plan = _plan!.WithSessionSwapped(week, order, delta);
        if (ReferenceEquals(plan, _plan))
        {
            return;
        }

        var draft = _draft;
        await SaveAsync(plan, "Order saved.", fromSession: true);
        if (_issues.Count == 0)
        {
            _draft = new SessionDraft { OriginalWeek = week, OriginalOrder = order + delta, Name = draft.Name, Kind = draft.Kind, Week = draft.Week, Steps = draft.Steps };
        }
    }

    private Task DeleteSessionAsync() =>
        SaveAsync(_plan!.WithoutSession(_draft!.OriginalWeek!.Value, _draft.OriginalOrder!.Value), "Session deleted.", closeDraft: true, fromSession: true);

    private async Task SaveAsync(PlanTemplate template, string message, bool closeDraft = false, bool fromSession = false)
    {
        var result = await Library.SaveAsync(Id, template);
        _issues = result.Issues;
        _issuesFromSession = fromSession && !result.Succeeded;
        _issuesTitle = "Not saved:";
        if (!result.Succeeded)
        {
            // Nothing was written and the form keeps what was typed; the issues say what to fix.
            Snackbar.Add("Not saved: fix the problems listed.", Severity.Error);
            return;
        }

        if (closeDraft)
        {
            _draft = null;
        }

        await LoadAsync();
        Snackbar.Add(message, Severity.Success);
    }

    private async Task PublishAsync(bool publish)
    {
        var result = await Library.SetPublishedAsync(Id, publish);
        _issues = result.Issues;
        _issuesFromSession = false;
        _issuesTitle = "Not published:";
        await LoadAsync();
        if (result.Succeeded)
        {
            Snackbar.Add(publish ? "Published: runners can choose this plan." : "Back to draft: new goals no longer get this plan.", Severity.Success);
        }
    }

    private async Task DuplicateAsync()
    {
        if (await Library.DuplicateAsync(Id) is { } copy)
        {
            Navigation.NavigateTo($"admin/plans/{copy}");
        }
    }

    private async Task ArchiveAsync()
    {
        await Library.SetArchivedAsync(Id, !_archived);
        await LoadAsync();
    }
}
