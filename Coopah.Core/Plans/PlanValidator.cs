using System.Globalization;

namespace Coopah.Core.Plans;

/// <summary>
/// One validation problem. <see cref="Path"/> locates it for people (<c>week 3, session 2 'Tempo', step 2.1</c>);
/// <see cref="StepPath"/> holds the 0-based child indexes from the session root to the offending node (empty for
/// session- or template-level problems) so an editor can highlight the node.
/// </summary>
public sealed record ValidationIssue(string Code, string Message, string Path, IReadOnlyList<int> StepPath);

/// <summary>Stable codes of <see cref="ValidationIssue"/>.</summary>
public static class ValidationCodes
{
    public const string IntervalWithoutMeasure = "interval-without-measure";
    public const string RepeatCount = "repeat-count";
    public const string EmptyRepeat = "empty-repeat";
    public const string NoSteps = "no-steps";
    public const string DurationValue = "duration-value";
    public const string PaceRangeOrder = "pace-range-order";
    public const string PaceImplausible = "pace-implausible";
    public const string TargetIncomplete = "target-incomplete";
    public const string HeartRateZone = "heart-rate-zone";
    public const string NoteTooLong = "note-too-long";
    public const string GarminStepLimit = "garmin-step-limit";
    public const string Template = "template";

    /// <summary>Plan-level field problems, so an editor can mark the field.</summary>
    public const string PlanName = "plan-name";
    public const string PlanWeeks = "plan-weeks";
    public const string PlanMinimumWeeks = "plan-minimum-weeks";
    public const string PlanGoal = "plan-goal";

    /// <summary>A week without sessions: fine in a draft, not in a published plan.</summary>
    public const string EmptyWeek = "empty-week";

    /// <summary>A plan session without a name or with one longer than <see cref="PlanValidator.MaxNameLength"/>.</summary>
    public const string SessionName = "session-name";
}

/// <summary>Validates step trees, sessions and templates. Pure; returns every issue found, in tree order.</summary>
public static class PlanValidator
{
    /// <summary>Garmin Training API limit for a single-sport workout.</summary>
    public const int GarminMaxSteps = 100;

    /// <summary>Garmin's maximum step description length.</summary>
    public const int MaxNoteLength = 512;

    public const int MaxRepeatCount = 99;

    /// <summary>Longest plan or session name (the database columns hold 120).</summary>
    public const int MaxNameLength = 120;

    /// <summary>Longest plan: a year of weeks.</summary>
    public const int MaxWeeks = 52;

    private const int MaxStepSeconds = 24 * 3600;
    private const int MaxStepMetres = 250_000;

    /// <summary>
    /// Counts steps the way Garmin's Training API counts them against its 100-step limit: every
    /// <c>WorkoutStep</c> is one step, and a <c>WorkoutRepeatStep</c> is one step plus its children, each counted
    /// once (not multiplied by the repeat count). This matches how Garmin numbers <c>stepOrder</c> through a
    /// workout, nested steps included: in the Training API V2 example in our notes
    /// (shared/specs/garmin-api.md §2.2) "10 min warm-up, 5 × (1 km + 2 min), cool-down" has stepOrder 1..5.
    /// The limit applies to those numbered entries, not to executed repetitions, so
    /// <c>10min warmup; 30x(400m interval; 60s recovery); 10min cooldown</c> counts 5, not 62.
    /// </summary>
    public static int CountGarminSteps(IReadOnlyList<StepNode> steps) =>
        steps.Sum(node => node switch
        {
            RepeatBlock repeat => 1 + CountGarminSteps(repeat.Steps),
            _ => 1,
        });

    /// <summary>Validates one session's step tree.</summary>
    public static IReadOnlyList<ValidationIssue> ValidateSteps(IReadOnlyList<StepNode> steps, string pathPrefix = "")
    {
        var issues = new List<ValidationIssue>();
        if (steps.Count == 0)
        {
            issues.Add(Issue(ValidationCodes.NoSteps, "The session has no steps.", pathPrefix, []));
            return issues;
        }

        Walk(steps, [], pathPrefix, issues);

        var count = CountGarminSteps(steps);
        if (count > GarminMaxSteps)
        {
            issues.Add(Issue(
                ValidationCodes.GarminStepLimit,
                Inv($"The workout has {count} steps as Garmin counts them (each step once, each repeat block +1); Garmin accepts at most {GarminMaxSteps}."),
                pathPrefix,
                []));
        }

        return issues;
    }

    /// <summary>Validates a whole template: its shape, then every session (base week included).</summary>
    public static IReadOnlyList<ValidationIssue> ValidateTemplate(PlanTemplate template)
    {
        var issues = ValidateDetails(template).ToList();
        void TemplateIssue(string message) => issues.Add(Issue(ValidationCodes.Template, message, template.Name, []));

        if (string.IsNullOrWhiteSpace(template.Id))
        {
            TemplateIssue("The template needs an id.");
        }

        foreach (var session in template.Sessions)
        {
            if (session.Week < 1 || session.Week > template.Weeks)
            {
                TemplateIssue(Inv($"Session '{session.Name}' is in week {session.Week}, outside 1..{template.Weeks}."));
            }
        }

        foreach (var duplicate in template.Sessions.Concat(template.BaseWeek).GroupBy(s => (s.Week, s.Order)).Where(g => g.Count() > 1))
        {
            var week = duplicate.Key.Week == 0 ? "The base week" : Inv($"Week {duplicate.Key.Week}");
            TemplateIssue(Inv($"{week} has more than one session with order {duplicate.Key.Order}."));
        }

        for (var week = 1; week <= template.Weeks; week++)
        {
            var sessions = template.SessionsInWeek(week);
            if (sessions.Count(s => s.Kind == SessionKind.Long) > 1)
            {
                TemplateIssue(Inv($"Week {week} has more than one long run."));
            }

            if (sessions.Count > 7)
            {
                TemplateIssue(Inv($"Week {week} has more than seven sessions."));
            }
        }

        foreach (var session in template.Sessions.Concat(template.BaseWeek))
        {
            var where = session.Week == 0 ? Inv($"Base week, session {session.Order}") : Inv($"Week {session.Week}, session {session.Order}");
            if (string.IsNullOrWhiteSpace(session.Name))
            {
                issues.Add(Issue(ValidationCodes.SessionName, Inv($"{where} needs a name."), template.Name, []));
            }
            else if (session.Name.Trim().Length > MaxNameLength)
            {
                // The column holds 120 characters: a longer name would fail the write instead of being explained.
                issues.Add(Issue(ValidationCodes.SessionName, Inv($"The name of {where.ToLowerInvariant()} is {session.Name.Trim().Length} characters long; at most {MaxNameLength}."), template.Name, []));
            }
        }

        foreach (var session in template.BaseWeek.Where(s => s.Kind.IsHard()))
        {
            TemplateIssue(Inv($"Base-week session '{session.Name}' must be easy (not {session.Kind})."));
        }

        foreach (var session in template.Sessions.Concat(template.BaseWeek))
        {
            var prefix = Inv($"{template.Name}, week {session.Week}, session {session.Order} '{session.Name}'");
            issues.AddRange(ValidateSteps(session.Steps, prefix));
        }

        return issues;
    }

    /// <summary>Validates the plan's own fields (name, weeks, minimum weeks, goal), each issue coded for its field.</summary>
    public static IReadOnlyList<ValidationIssue> ValidateDetails(PlanTemplate template)
    {
        var issues = new List<ValidationIssue>();
        void FieldIssue(string code, string message) => issues.Add(Issue(code, message, template.Name, []));

        if (string.IsNullOrWhiteSpace(template.Name))
        {
            FieldIssue(ValidationCodes.PlanName, "Give the plan a name.");
        }
        else if (template.Name.Trim().Length > MaxNameLength)
        {
            FieldIssue(ValidationCodes.PlanName, Inv($"The name is {template.Name.Trim().Length} characters long; at most {MaxNameLength}."));
        }

        if (template.Weeks is < 1 or > MaxWeeks)
        {
            FieldIssue(ValidationCodes.PlanWeeks, Inv($"A plan has 1 to {MaxWeeks} weeks (not {template.Weeks})."));
        }

        else if (template.MinimumWeeks < 1 || template.MinimumWeeks > template.Weeks)
        {
            FieldIssue(ValidationCodes.PlanMinimumWeeks, Inv($"Minimum weeks ({template.MinimumWeeks}) must be between 1 and the plan length ({template.Weeks})."));
        }

        if (template.Goal.Metres <= 0 || double.IsNaN(template.Goal.Metres))
        {
            FieldIssue(ValidationCodes.PlanGoal, "The goal distance must be positive.");
        }

        return issues;
    }

    /// <summary>
    /// Validates a plan for runners: <see cref="ValidateTemplate"/> plus at least one session in every week, since the
    /// scheduler would leave an empty week blank on the runner's calendar.
    /// </summary>
    public static IReadOnlyList<ValidationIssue> ValidatePublishable(PlanTemplate template)
    {
        var issues = ValidateTemplate(template).ToList();
        for (var week = 1; week <= Math.Min(template.Weeks, MaxWeeks); week++)
        {
            if (!template.Sessions.Any(s => s.Week == week))
            {
                issues.Add(Issue(ValidationCodes.EmptyWeek, Inv($"Week {week} has no sessions."), template.Name, []));
            }
        }

        return issues;
    }

    private static void Walk(IReadOnlyList<StepNode> steps, IReadOnlyList<int> parent, string prefix, List<ValidationIssue> issues)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            IReadOnlyList<int> path = [.. parent, i];
            var at = PathText(prefix, path);
            switch (steps[i])
            {
                case RepeatBlock repeat:
                    if (repeat.Count is < 1 or > MaxRepeatCount)
                    {
                        issues.Add(Issue(ValidationCodes.RepeatCount, Inv($"Repeat count {repeat.Count} at {at} must be between 1 and {MaxRepeatCount}."), at, path));
                    }

                    if (repeat.Steps.Count == 0)
                    {
                        issues.Add(Issue(ValidationCodes.EmptyRepeat, Inv($"The repeat block at {at} has no steps."), at, path));
                    }

                    Walk(repeat.Steps, path, prefix, issues);
                    break;
                case WorkoutStep step:
                    ValidateStep(step, at, path, issues);
                    break;
            }
        }
    }

    private static void ValidateStep(WorkoutStep step, string at, IReadOnlyList<int> path, List<ValidationIssue> issues)
    {
        var duration = step.Duration;
        if (duration.Kind == DurationKind.Time && duration.Value is <= 0 or > MaxStepSeconds)
        {
            issues.Add(Issue(ValidationCodes.DurationValue, Inv($"The time of {at} must be between 1 s and 24 h (is {duration.Value} s)."), at, path));
        }

        if (duration.Kind == DurationKind.Distance && duration.Value is <= 0 or > MaxStepMetres)
        {
            issues.Add(Issue(ValidationCodes.DurationValue, Inv($"The distance of {at} must be between 1 m and 250 km (is {duration.Value} m)."), at, path));
        }

        var target = step.Target;
        var hasPace = target.Kind is TargetKind.PaceRange or TargetKind.PaceZone;
        if (step.Intensity == StepIntensity.Interval && duration.Kind == DurationKind.Open && !hasPace)
        {
            issues.Add(Issue(ValidationCodes.IntervalWithoutMeasure, Inv($"Interval at {at} needs a time, a distance or a pace."), at, path));
        }

        switch (target.Kind)
        {
            case TargetKind.PaceRange when target is { FastSecondsPerKm: { } fast, SlowSecondsPerKm: { } slow }:
                if (fast > slow)
                {
                    issues.Add(Issue(ValidationCodes.PaceRangeOrder, Inv($"Pace range of {at} is not ordered: write the faster pace first ({Pace.Format(slow)}-{Pace.Format(fast)}/km)."), at, path));
                }

                if (Math.Min(fast, slow) < PaceRange.MinPlausibleSecondsPerKm || Math.Max(fast, slow) > PaceRange.MaxPlausibleSecondsPerKm)
                {
                    issues.Add(Issue(ValidationCodes.PaceImplausible, Inv($"Pace range {Pace.Format(fast)}-{Pace.Format(slow)}/km of {at} is outside 2:00..15:00 /km."), at, path));
                }

                break;
            case TargetKind.PaceRange:
                issues.Add(Issue(ValidationCodes.TargetIncomplete, Inv($"The pace range of {at} needs both a fast and a slow pace."), at, path));
                break;
            case TargetKind.PaceZone when target.Zone is null:
                issues.Add(Issue(ValidationCodes.TargetIncomplete, Inv($"The pace-zone target of {at} names no zone."), at, path));
                break;
            case TargetKind.HeartRateZone when target.HeartRateZone is not (>= 1 and <= 5):
                issues.Add(Issue(ValidationCodes.HeartRateZone, Inv($"Heart-rate zone of {at} must be 1..5."), at, path));
                break;
        }

        if (step.Note is { Length: > MaxNoteLength })
        {
            issues.Add(Issue(ValidationCodes.NoteTooLong, Inv($"The note of {at} is longer than {MaxNoteLength} characters."), at, path));
        }
    }

    /// <summary>Human path: 1-based indexes joined by dots ("step 2.1"), after an optional prefix.</summary>
    public static string PathText(string prefix, IReadOnlyList<int> path)
    {
        var step = "step " + string.Join('.', path.Select(i => (i + 1).ToString(CultureInfo.InvariantCulture)));
        return prefix.Length == 0 ? step : prefix + ", " + step;
    }

    private static ValidationIssue Issue(string code, string message, string path, IReadOnlyList<int> stepPath) =>
        new(code, message, path, stepPath);

    private static string Inv(FormattableString text) => FormattableString.Invariant(text);
}
