namespace Coopah.Core.Plans;

/// <summary>An equivalent race time predicted for a distance.</summary>
public sealed record EquivalentRaceTime(string Name, double DistanceMetres, int TimeSeconds)
{
    public int PaceSecondsPerKm => (int)Math.Round(TimeSeconds / (DistanceMetres / 1000), MidpointRounding.AwayFromZero);
}

/// <summary>One named zone and its absolute pace band.</summary>
public sealed record PaceZoneRange(PaceZone Zone, PaceRange Range);

/// <summary>
/// A runner's personal paces, derived from one performance (a recent race or a goal time).
/// <para>
/// <b>Equivalent race times</b> use Riegel's endurance formula, T2 = T1 × (D2 / D1)^1.06
/// (P. S. Riegel, "Athletic Records and Human Endurance", American Scientist 69(3), 1981, pp. 285–290). It is
/// reliable for efforts of roughly 3.5 minutes to 4 hours and optimistic for the marathon for runners without the
/// mileage.
/// </para>
/// <para>
/// <b>Pace zones</b> follow the training intensities of J. Daniels, <i>Daniels' Running Formula</i> (3rd ed., Human
/// Kinetics, 2014): E (easy), M (marathon), T (threshold, about the pace held for one hour), I (interval, about the
/// pace held for 10–15 minutes, i.e. 3 km–5 km race pace) and R (repetition, about mile race pace). Instead of the
/// VDOT tables (copyrighted) each zone is anchored on Riegel-equivalent race paces:
/// <list type="bullet">
/// <item>Easy: marathon pace × 1.12 .. × 1.27 (Daniels' E is about 60–90 s/km slower than M pace).</item>
/// <item>Marathon: marathon pace × 0.985 .. × 1.015.</item>
/// <item>Threshold: 15 km .. half-marathon race pace (the one-hour race lies between them).</item>
/// <item>Interval: 3000 m .. 5000 m race pace.</item>
/// <item>Repetition: 800 m .. 1 mile race pace.</item>
/// </list>
/// For a 20:00 5 km runner this gives E 5:05–5:46, M 4:29–4:37, T 4:16–4:22, I 3:53–4:00 and R 3:35–3:44 per km;
/// Daniels' VDOT 50 table gives E 5:07–5:44, M 4:31, T 4:15, I 3:55, R 3:40. Bands are rounded to whole seconds.
/// </para>
/// </summary>
public sealed class PersonalPaces
{
    /// <summary>Riegel's fatigue exponent.</summary>
    public const double RiegelExponent = 1.06;

    public const double MileMetres = 1609.344;

    private static readonly (string Name, double Metres)[] StandardDistances =
    [
        ("800 m", 800), ("1500 m", 1500), ("Mile", MileMetres), ("3000 m", 3000), ("5 km", 5000),
        ("10 km", 10000), ("15 km", 15000), ("Half marathon", 21097.5), ("Marathon", 42195),
    ];

    private PersonalPaces(double distanceMetres, int timeSeconds)
    {
        ReferenceDistanceMetres = distanceMetres;
        ReferenceTimeSeconds = timeSeconds;
        Zones =
        [
            new(PaceZone.Easy, Band(PaceAt(42195) * 1.12, PaceAt(42195) * 1.27)),
            new(PaceZone.Marathon, Band(PaceAt(42195) * 0.985, PaceAt(42195) * 1.015)),
            new(PaceZone.Threshold, Band(PaceAt(15000), PaceAt(21097.5))),
            new(PaceZone.Interval, Band(PaceAt(3000), PaceAt(5000))),
            new(PaceZone.Repetition, Band(PaceAt(800), PaceAt(MileMetres))),
        ];
        EquivalentRaceTimes = [.. StandardDistances.Select(d => new EquivalentRaceTime(d.Name, d.Metres, Round(EquivalentTimeSeconds(d.Metres))))];
    }

    /// <summary>A reference runner (5 km in 25:00) used for estimates when the runner's paces are unknown.</summary>
    public static PersonalPaces Reference { get; } = FromRace(5000, 25 * 60);

    public double ReferenceDistanceMetres { get; }

    public int ReferenceTimeSeconds { get; }

    /// <summary>The five zones, easiest first.</summary>
    public IReadOnlyList<PaceZoneRange> Zones { get; }

    /// <summary>Predicted times for 800 m up to the marathon.</summary>
    public IReadOnlyList<EquivalentRaceTime> EquivalentRaceTimes { get; }

    /// <summary>From a recent race result. Throws when the distance (400 m..100 km) or pace (2:00..15:00 /km) is implausible.</summary>
    public static PersonalPaces FromRace(double distanceMetres, int timeSeconds)
    {
        if (double.IsNaN(distanceMetres) || distanceMetres < 400 || distanceMetres > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(distanceMetres), distanceMetres, "Race distance must be between 400 m and 100 km.");
        }

        var pace = timeSeconds / (distanceMetres / 1000);
        if (timeSeconds <= 0 || pace < PaceRange.MinPlausibleSecondsPerKm || pace > PaceRange.MaxPlausibleSecondsPerKm)
        {
            throw new ArgumentOutOfRangeException(nameof(timeSeconds), timeSeconds, "Race pace must be between 2:00 and 15:00 per km.");
        }

        return new PersonalPaces(distanceMetres, timeSeconds);
    }

    /// <summary>From a goal time for the goal distance.</summary>
    public static PersonalPaces FromGoal(GoalDistance goal, int goalTimeSeconds) => FromRace(goal.Metres, goalTimeSeconds);

    /// <summary>Riegel: T2 = T1 × (D2 / D1)^1.06, in seconds (not rounded).</summary>
    public double EquivalentTimeSeconds(double distanceMetres) =>
        ReferenceTimeSeconds * Math.Pow(distanceMetres / ReferenceDistanceMetres, RiegelExponent);

    /// <summary>The absolute band of a zone.</summary>
    public PaceRange Zone(PaceZone zone) => Zones.First(z => z.Zone == zone).Range;

    /// <summary>Turns a pace-zone target into an absolute pace-range target; other targets are returned unchanged.</summary>
    public StepTarget Resolve(StepTarget target) =>
        target is { Kind: TargetKind.PaceZone, Zone: { } zone } ? StepTarget.ForPace(Zone(zone)) : target;

    /// <summary>Resolves every pace-zone target in a step tree (e.g. before sending it to Garmin, which has no pace zones).</summary>
    public IReadOnlyList<StepNode> Resolve(IReadOnlyList<StepNode> steps) =>
        [.. steps.Select(node => node switch
        {
            WorkoutStep step => step with { Target = Resolve(step.Target) },
            RepeatBlock repeat => repeat with { Steps = Resolve(repeat.Steps) },
            _ => node,
        })];

    /// <summary>The absolute pace band a target asks for, or null for open and heart-rate targets.</summary>
    public PaceRange? PaceFor(StepTarget target) => target.Kind switch
    {
        TargetKind.PaceRange when target is { FastSecondsPerKm: { } fast, SlowSecondsPerKm: { } slow } => new PaceRange(fast, slow),
        TargetKind.PaceZone when target.Zone is { } zone => Zone(zone),
        _ => null,
    };

    private double PaceAt(double distanceMetres) => EquivalentTimeSeconds(distanceMetres) / (distanceMetres / 1000);

    private static PaceRange Band(double fast, double slow) => new(Round(fast), Round(slow));

    private static int Round(double value) => (int)Math.Round(value, MidpointRounding.AwayFromZero);
}
