using System.Globalization;
using System.Text.RegularExpressions;

namespace Coopah.Core.Garmin.Training;

/// <summary>
/// Pure mapping from <see cref="PlannedWorkout"/> to the Training API V2 workout: RUNNING, one segment,
/// stepOrder numbered through the whole tree (a repeat block takes a number before its children), TIME in
/// seconds, DISTANCE in metres, OPEN for lap-press, PACE as speeds in m/s (low = slower pace), HR zones.
/// </summary>
public static partial class GarminWorkoutMapper
{
    /// <summary>workoutProvider and workoutSourceId.</summary>
    public const string Provider = "Coopah";

    /// <summary>Our own cap on workoutName (Garmin documents none; watches show far fewer characters).</summary>
    public const int WorkoutNameMaxLength = 100;

    /// <summary>Speeds are rounded to this many decimals (1e-4 m/s is far below any watch's resolution).</summary>
    public const int SpeedDecimals = 4;

    private const string Ellipsis = "…";

    /// <summary>Maps a planned workout.</summary>
    /// <exception cref="GarminWorkoutMappingException">Over 100 steps, an empty workout, or invalid values.</exception>
    public static GarminWorkout Map(PlannedWorkout workout)
    {
        ArgumentNullException.ThrowIfNull(workout);
        if (workout.Steps.Count == 0)
        {
            throw new GarminWorkoutMappingException("A workout needs at least one step.");
        }

        var count = CountSteps(workout);
        if (count > GarminTrainingValues.MaxStepsSingleSport)
        {
            throw new GarminWorkoutMappingException(string.Create(CultureInfo.InvariantCulture,
                $"The workout has {count} steps; Garmin accepts at most {GarminTrainingValues.MaxStepsSingleSport}."));
        }

        var order = 0;
        var steps = MapNodes(workout.Steps, ref order);
        return new GarminWorkout
        {
            WorkoutName = FormatWorkoutName(workout.SessionCode, workout.Name),
            Description = string.IsNullOrWhiteSpace(workout.Description)
                ? null
                : Truncate(workout.Description.Trim(), GarminTrainingValues.WorkoutDescriptionMaxLength),
            Sport = GarminTrainingValues.SportRunning,
            WorkoutProvider = Provider,
            WorkoutSourceId = Provider,
            IsSessionTransitionEnabled = false,
            Segments =
            [
                new GarminWorkoutSegment { SegmentOrder = 1, Sport = GarminTrainingValues.SportRunning, Steps = steps },
            ],
        };
    }

    /// <summary>The number of Garmin steps the workout needs: every step and every repeat block counts once.</summary>
    public static int CountSteps(PlannedWorkout workout)
    {
        ArgumentNullException.ThrowIfNull(workout);
        return CountNodes(workout.Steps);
    }

    /// <summary>"[CODE] Name", capped at <see cref="WorkoutNameMaxLength"/> (the code always survives).</summary>
    /// <exception cref="GarminWorkoutMappingException">The session code is not 1-16 of [A-Za-z0-9_-].</exception>
    public static string FormatWorkoutName(string sessionCode, string name)
    {
        if (string.IsNullOrEmpty(sessionCode) || !SessionCodeRegex().IsMatch(sessionCode))
        {
            throw new GarminWorkoutMappingException("The session code must be 1-16 characters of A-Z, a-z, 0-9, '_' or '-'.");
        }

        var prefix = "[" + sessionCode + "]";
        var trimmed = name?.Trim() ?? string.Empty;
        return trimmed.Length == 0 ? prefix : Truncate(prefix + " " + trimmed, WorkoutNameMaxLength);
    }

    /// <summary>Reads the session code back from a workout or activity name that starts with "[CODE]".</summary>
    public static bool TryExtractSessionCode(string? name, out string sessionCode)
    {
        var match = name is null ? Match.Empty : NamePrefixRegex().Match(name.TrimStart());
        sessionCode = match.Success ? match.Groups[1].Value : string.Empty;
        return match.Success;
    }

    /// <summary>
    /// The name as a person should read it: without the leading "[CODE]" that <see cref="FormatWorkoutName"/> adds for
    /// matching ("[CP30] 6 x 800 m" -> "6 x 800 m"). Empty when the name is nothing but the code.
    /// </summary>
    public static string WithoutSessionCode(string? name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        var match = NamePrefixRegex().Match(trimmed);
        return match.Success ? trimmed[match.Length..].TrimStart() : trimmed;
    }

    /// <summary>Converts a pace in seconds per km to m/s (rounded to <see cref="SpeedDecimals"/>).</summary>
    public static double PaceToSpeed(double secondsPerKm)
    {
        if (!(secondsPerKm > 0) || double.IsInfinity(secondsPerKm))
        {
            throw new GarminWorkoutMappingException("A pace must be a positive number of seconds per km.");
        }

        return Math.Round(1000.0 / secondsPerKm, SpeedDecimals, MidpointRounding.AwayFromZero);
    }

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="maxLength"/> UTF-16 units, ending with "…", never splitting a surrogate pair.</summary>
    public static string Truncate(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = maxLength - Ellipsis.Length;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut].TrimEnd() + Ellipsis;
    }

    private static int CountNodes(IReadOnlyList<PlannedWorkoutNode> nodes) =>
        nodes.Sum(n => n switch
        {
            PlannedRepeat repeat => 1 + CountNodes(repeat.Steps),
            _ => 1,
        });

    private static List<GarminWorkoutStepBase> MapNodes(IReadOnlyList<PlannedWorkoutNode> nodes, ref int order)
    {
        var result = new List<GarminWorkoutStepBase>(nodes.Count);
        foreach (var node in nodes)
        {
            switch (node)
            {
                case PlannedStep step:
                    result.Add(MapStep(step, ++order));
                    break;
                case PlannedRepeat repeat:
                    if (repeat.Count < 1)
                    {
                        throw new GarminWorkoutMappingException("A repeat count must be at least 1.");
                    }

                    if (repeat.Steps.Count == 0)
                    {
                        throw new GarminWorkoutMappingException("A repeat block needs at least one step.");
                    }

                    var repeatOrder = ++order;
                    var children = MapNodes(repeat.Steps, ref order);
                    result.Add(new GarminWorkoutRepeatStep
                    {
                        StepOrder = repeatOrder,
                        RepeatType = GarminTrainingValues.RepeatUntilStepsComplete,
                        RepeatValue = repeat.Count,
                        SkipLastRestStep = repeat.SkipLastRestStep,
                        Steps = children,
                    });
                    break;
                default:
                    throw new GarminWorkoutMappingException("Unknown workout node " + node?.GetType().Name + ".");
            }
        }

        return result;
    }

    private static GarminWorkoutStep MapStep(PlannedStep step, int order)
    {
        var (durationType, durationValue) = step.Duration switch
        {
            TimeDuration { Seconds: > 0 } time => (GarminTrainingValues.DurationTime, (double?)time.Seconds),
            DistanceDuration { Metres: > 0 } distance when !double.IsInfinity(distance.Metres) =>
                (GarminTrainingValues.DurationDistance, (double?)distance.Metres),
            OpenDuration => (GarminTrainingValues.DurationOpen, null),
            TimeDuration or DistanceDuration => throw new GarminWorkoutMappingException("Step durations must be positive."),
            _ => throw new GarminWorkoutMappingException("Unknown step duration."),
        };

        var garminStep = new GarminWorkoutStep
        {
            StepOrder = order,
            Intensity = MapIntensity(step.Intensity),
            Description = string.IsNullOrWhiteSpace(step.Note)
                ? null
                : Truncate(step.Note.Trim(), GarminTrainingValues.StepDescriptionMaxLength),
            DurationType = durationType,
            DurationValue = durationValue,
            TargetType = GarminTrainingValues.TargetOpen,
        };

        return step.Target switch
        {
            OpenTarget => garminStep,
            PaceRangeTarget pace => garminStep with
            {
                TargetType = GarminTrainingValues.TargetPace,
                TargetValueLow = PaceToSpeed(Math.Max(pace.SlowSecondsPerKm, pace.FastSecondsPerKm)),
                TargetValueHigh = PaceToSpeed(Math.Min(pace.SlowSecondsPerKm, pace.FastSecondsPerKm)),
            },
            HeartRateZoneTarget { Zone: >= 1 and <= 5 } zone => garminStep with
            {
                TargetType = GarminTrainingValues.TargetHeartRate,
                TargetValue = zone.Zone,
            },
            HeartRateZoneTarget => throw new GarminWorkoutMappingException("Heart-rate zones are 1-5."),
            _ => throw new GarminWorkoutMappingException("Unknown step target."),
        };
    }

    private static string MapIntensity(PlannedStepIntensity intensity) => intensity switch
    {
        PlannedStepIntensity.Warmup => GarminTrainingValues.IntensityWarmup,
        PlannedStepIntensity.Active => GarminTrainingValues.IntensityActive,
        PlannedStepIntensity.Interval => GarminTrainingValues.IntensityInterval,
        PlannedStepIntensity.Recovery => GarminTrainingValues.IntensityRecovery,
        PlannedStepIntensity.Rest => GarminTrainingValues.IntensityRest,
        PlannedStepIntensity.Cooldown => GarminTrainingValues.IntensityCooldown,
        _ => throw new GarminWorkoutMappingException("Unknown step intensity."),
    };

    [GeneratedRegex("^[A-Za-z0-9_-]{1,16}$", RegexOptions.CultureInvariant)]
    private static partial Regex SessionCodeRegex();

    [GeneratedRegex(@"^\[([A-Za-z0-9_-]{1,16})\]", RegexOptions.CultureInvariant)]
    private static partial Regex NamePrefixRegex();
}
