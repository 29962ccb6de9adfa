using Coopah.Core.Plans;
using Coopah.Web.Plans;
using Microsoft.AspNetCore.Components;

namespace Coopah.Web.Components.Plans;

public sealed partial class StepTreeEditor
{
    /// <summary>The tree to edit; a new list instance from the parent replaces the editor's state.</summary>
    [Parameter] public IReadOnlyList<StepNode> Steps { get; set; } = [];

    [Parameter] public EventCallback<IReadOnlyList<StepNode>> StepsChanged { get; set; }

    /// <summary>Paces for totals and for showing what zones mean; the reference runner when null.</summary>
    [Parameter] public PersonalPaces? Paces { get; set; }

    private IReadOnlyList<StepNode> _steps = [];
    private IReadOnlyList<StepNode>? _received;
    private IReadOnlyList<ValidationIssue> _issues = [];
    private readonly Dictionary<string, string> _fieldErrors = [];
    private string _notation = "";
    private string? _notationError;
    private const string NotationExample = "e.g. 10min warmup easy; 6x(800m interval @ 3:50-4:00/km; 90s recovery); 10min cooldown";

    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(Steps, _received))
        {
            _received = Steps;
            _steps = Steps;
            _fieldErrors.Clear();
            Refresh(resetNotation: true);
        }
    }

    private string Totals
    {
        get
        {
            var estimate = SessionEstimator.Estimate(_steps, new EstimateOptions { Paces = Paces ?? PersonalPaces.Reference });
            var about = estimate.IsApproximate ? "about " : "";
            return FormattableString.Invariant(
                $"{about}{Pace.FormatDuration(estimate.DurationSeconds)} · {estimate.DistanceMetres / 1000:0.0} km · {PlanValidator.CountGarminSteps(_steps)} Garmin steps");
        }
    }

    private static string Id(IReadOnlyList<int> path) => string.Join('.', path.Select(i => (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static WorkoutStep NewStep() => new(StepIntensity.Active, StepDuration.Minutes(10), StepTarget.ForZone(PaceZone.Easy));

    private static RepeatBlock NewRepeat() => new(4,
    [
        new WorkoutStep(StepIntensity.Interval, StepDuration.Metres(400), StepTarget.ForZone(PaceZone.Interval)),
        new WorkoutStep(StepIntensity.Recovery, StepDuration.Seconds(90), StepTarget.Open),
    ]);

    private string? ResolvedPace(StepTarget target) =>
        target.Kind == TargetKind.PaceZone && (Paces ?? PersonalPaces.Reference).PaceFor(target) is { } range
            ? (Paces is null ? "≈ " : "= ") + range
            : null;

    private Task AppendAsync(int[] parent, StepNode node) => EditAsync(StepTree.Append(_steps, parent, node));

    private Task MoveAsync(int[] path, int delta) => EditAsync(StepTree.Move(_steps, path, delta));

    private Task ReplaceAsync(int[] path, StepNode node) => EditAsync(StepTree.Replace(_steps, path, node), structural: false);

    private Task SetDurationAsync(int[] path, WorkoutStep step, string text)
    {
        var key = "duration-" + Id(path);
        if (StepNotation.TryParse((text ?? "").Trim(), out var parsed, out _) && parsed is [WorkoutStep read])
        {
            _fieldErrors.Remove(key);
            return ReplaceAsync(path, step with { Duration = read.Duration });
        }

        _fieldErrors[key] = "Write a duration such as 10min, 90s, 800m, 5km or lap.";
        return Task.CompletedTask;
    }

    private Task SetTargetAsync(int[] path, WorkoutStep step, string text)
    {
        var key = "target-" + Id(path);
        text = (text ?? "").Trim();
        if (text.Length == 0)
        {
            _fieldErrors.Remove(key);
            return ReplaceAsync(path, step with { Target = StepTarget.Open });
        }

        // A pace typed without the '@' is still obviously a pace.
        var target = char.IsDigit(text[0]) ? "@ " + text : text;
        if (StepNotation.TryParse("1min active " + target, out var parsed, out _) && parsed is [WorkoutStep { Note: null } read])
        {
            _fieldErrors.Remove(key);
            return ReplaceAsync(path, step with { Target = read.Target });
        }

        _fieldErrors[key] = "Write easy, threshold, @ 3:50-4:00/km or @ hr2 (empty = open).";
        return Task.CompletedTask;
    }

    private async Task ApplyNotationAsync()
    {
        if (StepNotation.TryParse(_notation ?? "", out var parsed, out var error))
        {
            _notationError = null;
            await EditAsync(parsed);
            return;
        }

        // Keep the typed text so nothing is lost; the message names the column and what was expected.
        _notationError = error!.Message;
    }

    private async Task EditAsync(IReadOnlyList<StepNode> steps, bool structural = true)
    {
        if (structural)
        {
            // Field errors are keyed by position, which a structural edit changes.
            _fieldErrors.Clear();
        }

        _steps = steps;
        _received = steps;
        Refresh(resetNotation: true);
        await StepsChanged.InvokeAsync(steps);
    }

    private void Refresh(bool resetNotation)
    {
        _issues = PlanValidator.ValidateSteps(_steps);
        if (resetNotation)
        {
            _notation = StepNotation.Format(_steps);
            _notationError = null;
        }
    }
}
