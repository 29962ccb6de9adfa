namespace Coopah.Core.Garmin;

/// <summary>The Garmin permission names Coopah acts on (Garmin's spelling, compared ordinally).</summary>
public static class GarminPermissions
{
    /// <summary>Lets us push workouts and schedules to the runner's Garmin Connect calendar.</summary>
    public const string WorkoutImport = "WORKOUT_IMPORT";
}
