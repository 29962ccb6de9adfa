namespace Coopah.Core.Plans;

/// <summary>Estimated totals; <see cref="OpenSteps"/> counts executed open (lap-press) steps that used the default.</summary>
public sealed record SessionEstimate(int DurationSeconds, double DistanceMetres, int OpenSteps)
{
    public static SessionEstimate Zero { get; } = new(0, 0, 0);

    /// <summary>True when some of the total comes from defaults for open steps (show it as "about").</summary>
    public bool IsApproximate => OpenSteps > 0;

    public SessionEstimate Add(SessionEstimate other) =>
        new(DurationSeconds + other.DurationSeconds, DistanceMetres + other.DistanceMetres, OpenSteps + other.OpenSteps);
}

/// <summary>
/// Estimation settings. Paces come from <see cref="Paces"/> (the runner's, or <see cref="PersonalPaces.Reference"/>):
/// a step with a pace target runs at the middle of its band; a step without one runs at the middle of the zone its
/// intensity implies (interval → interval zone, everything else → easy); heart-rate zones map to hr1-2 easy,
/// hr3 marathon, hr4 threshold, hr5 interval. Rest steps cover no distance when timed or open, and are walked at
/// <see cref="WalkSecondsPerKm"/> when they have a distance.
/// </summary>
public sealed record EstimateOptions
{
    public static EstimateOptions Default { get; } = new();

    public PersonalPaces Paces { get; init; } = PersonalPaces.Reference;

    /// <summary>Time assumed for an open (lap-press) step.</summary>
    public int OpenStepSeconds { get; init; } = 300;

    public int WalkSecondsPerKm { get; init; } = 720;
}

/// <summary>Estimated duration and distance of sessions and weeks.</summary>
public static class SessionEstimator
{
    /// <summary>Estimates one session's step tree (repeat blocks multiply their children).</summary>
    public static SessionEstimate Estimate(IReadOnlyList<StepNode> steps, EstimateOptions? options = null)
    {
        options ??= EstimateOptions.Default;
        var (seconds, metres, open) = Sum(steps, options);
        return new SessionEstimate((int)Math.Round(seconds, MidpointRounding.AwayFromZero), Math.Round(metres, MidpointRounding.AwayFromZero), open);
    }

    /// <summary>Sums several sessions (e.g. a template week or a calendar week).</summary>
    public static SessionEstimate EstimateWeek(IEnumerable<IReadOnlyList<StepNode>> sessions, EstimateOptions? options = null) =>
        sessions.Aggregate(SessionEstimate.Zero, (total, steps) => total.Add(Estimate(steps, options)));

    /// <summary>Sums the sessions of one template week.</summary>
    public static SessionEstimate EstimateWeek(PlanTemplate template, int week, EstimateOptions? options = null) =>
        EstimateWeek(template.SessionsInWeek(week).Select(s => s.Steps), options);

    private static (double Seconds, double Metres, int Open) Sum(IReadOnlyList<StepNode> steps, EstimateOptions options)
    {
        double seconds = 0, metres = 0;
        var open = 0;
        foreach (var node in steps)
        {
            switch (node)
            {
                case RepeatBlock repeat:
                    var inner = Sum(repeat.Steps, options);
                    var count = Math.Max(0, repeat.Count);
                    seconds += inner.Seconds * count;
                    metres += inner.Metres * count;
                    open += inner.Open * count;
                    break;
                case WorkoutStep step:
                    var (s, m) = Step(step, options);
                    seconds += s;
                    metres += m;
                    open += step.Duration.Kind == DurationKind.Open ? 1 : 0;
                    break;
            }
        }

        return (seconds, metres, open);
    }

    private static (double Seconds, double Metres) Step(WorkoutStep step, EstimateOptions options)
    {
        var isRest = step.Intensity == StepIntensity.Rest;
        var pace = isRest ? options.WalkSecondsPerKm : PaceOf(step, options.Paces);
        var value = Math.Max(0, step.Duration.Value);
        return step.Duration.Kind switch
        {
            DurationKind.Distance => (value * pace / 1000, value),
            DurationKind.Time => (value, isRest ? 0 : value * 1000 / pace),
            _ => (options.OpenStepSeconds, isRest ? 0 : options.OpenStepSeconds * 1000.0 / pace),
        };
    }

    private static double PaceOf(WorkoutStep step, PersonalPaces paces)
    {
        if (paces.PaceFor(step.Target) is { } range && range.FastSecondsPerKm > 0 && range.SlowSecondsPerKm > 0)
        {
            return range.MidpointSecondsPerKm;
        }

        var zone = step.Target is { Kind: TargetKind.HeartRateZone, HeartRateZone: { } hr }
            ? hr switch
            {
                <= 2 => PaceZone.Easy,
                3 => PaceZone.Marathon,
                4 => PaceZone.Threshold,
                _ => PaceZone.Interval,
            }
            : step.Intensity == StepIntensity.Interval ? PaceZone.Interval : PaceZone.Easy;
        return paces.Zone(zone).MidpointSecondsPerKm;
    }
}
