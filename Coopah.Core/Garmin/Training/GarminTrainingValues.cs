namespace Coopah.Core.Garmin.Training;

/// <summary>The Training API V2 enumerations as Garmin spells them (spec section 2.2), for building and validating workouts.</summary>
public static class GarminTrainingValues
{
    public const string SportRunning = "RUNNING";

    public const string IntensityRest = "REST";
    public const string IntensityWarmup = "WARMUP";
    public const string IntensityCooldown = "COOLDOWN";
    public const string IntensityRecovery = "RECOVERY";
    public const string IntensityActive = "ACTIVE";
    public const string IntensityInterval = "INTERVAL";

    public const string DurationTime = "TIME";
    public const string DurationDistance = "DISTANCE";
    public const string DurationOpen = "OPEN";

    public const string TargetOpen = "OPEN";
    public const string TargetPace = "PACE";
    public const string TargetHeartRate = "HEART_RATE";

    public const string RepeatUntilStepsComplete = "REPEAT_UNTIL_STEPS_CMPLT";

    /// <summary>Single-sport workouts may have at most 100 steps.</summary>
    public const int MaxStepsSingleSport = 100;

    /// <summary>Multisport workouts: at most 25 segments.</summary>
    public const int MaxSegmentsMultiSport = 25;

    /// <summary>Multisport workouts: at most 250 steps.</summary>
    public const int MaxStepsMultiSport = 250;

    /// <summary>Workout description limit (longer is truncated).</summary>
    public const int WorkoutDescriptionMaxLength = 1024;

    /// <summary>Step description limit.</summary>
    public const int StepDescriptionMaxLength = 512;

    /// <summary>Evaluation keys: Training API requests per partner per rolling minute (OAuth requests included).</summary>
    public const int EvaluationRequestsPerPartnerPerMinute = 100;

    /// <summary>Evaluation keys: Training API requests per user per rolling 24 h (OAuth excluded).</summary>
    public const int EvaluationRequestsPerUserPerDay = 200;

    /// <summary>Production keys: requests per partner per minute.</summary>
    public const int ProductionRequestsPerPartnerPerMinute = 3000;

    /// <summary>Production keys: requests per user per day.</summary>
    public const int ProductionRequestsPerUserPerDay = 1000;

    /// <summary>workoutProvider / workoutSourceId limit.</summary>
    public const int ProviderMaxLength = 20;

    public static IReadOnlySet<string> Sports { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "RUNNING", "CYCLING", "LAP_SWIMMING", "STRENGTH_TRAINING", "CARDIO_TRAINING", "GENERIC", "YOGA", "PILATES", "MULTI_SPORT",
    };

    public static IReadOnlySet<string> Intensities { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "REST", "WARMUP", "COOLDOWN", "RECOVERY", "ACTIVE", "INTERVAL", "MAIN",
    };

    public static IReadOnlySet<string> DurationTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "TIME", "DISTANCE", "HR_LESS_THAN", "HR_GREATER_THAN", "CALORIES", "OPEN", "POWER_LESS_THAN", "POWER_GREATER_THAN",
        "TIME_AT_VALID_CDA", "FIXED_REST", "REPS", "REPETITION_SWIM_CSS_OFFSET", "FIXED_REPETITION",
    };

    public static IReadOnlySet<string> TargetTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "SPEED", "PACE", "HEART_RATE", "CADENCE", "POWER", "GRADE", "RESISTANCE", "POWER_3S", "POWER_10S", "POWER_30S",
        "POWER_LAP", "SPEED_LAP", "HEART_RATE_LAP", "OPEN",
    };

    public static IReadOnlySet<string> RepeatTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "REPEAT_UNTIL_STEPS_CMPLT", "REPEAT_UNTIL_TIME", "REPEAT_UNTIL_DISTANCE", "REPEAT_UNTIL_CALORIES",
        "REPEAT_UNTIL_HR_LESS_THAN", "REPEAT_UNTIL_HR_GREATER_THAN", "REPEAT_UNTIL_POWER_LESS_THAN",
        "REPEAT_UNTIL_POWER_GREATER_THAN", "REPEAT_UNTIL_POWER_LAST_LAP_LESS_THAN", "REPEAT_UNTIL_MAX_POWER_LAST_LAP_LESS_THAN",
    };

    /// <summary>Counts the steps of a segment list as Garmin numbers them: every step and every repeat block once.</summary>
    public static int CountSteps(IEnumerable<GarminWorkoutStepBase> steps) =>
        steps.Sum(s => s switch
        {
            GarminWorkoutRepeatStep repeat => 1 + CountSteps(repeat.Steps),
            _ => 1,
        });
}
