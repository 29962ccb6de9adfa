namespace Coopah.Core.Garmin.Training;

/// <summary>A workout on the user's Garmin calendar (<c>{"scheduleId":..,"workoutId":..,"date":"YYYY-MM-DD"}</c>).</summary>
public sealed record GarminWorkoutSchedule
{
    public long? ScheduleId { get; init; }

    public long WorkoutId { get; init; }

    public DateOnly Date { get; init; }
}
