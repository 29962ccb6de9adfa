using System.Globalization;
using Coopah.Core.Garmin.Training;

namespace Coopah.Web.Sandbox;

/// <summary>A scheduled workout on a sandbox user's Garmin calendar.</summary>
public sealed record SandboxCalendarEntry(long ScheduleId, DateOnly Date, GarminWorkout Workout);

/// <summary>The Training API's data: each user's workouts and their schedules (the calendar the watch receives).</summary>
public sealed class SandboxTrainingStore(SandboxAccounts accounts, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, (string UserId, GarminWorkout Workout)> _workouts = [];
    private readonly Dictionary<long, (string UserId, GarminWorkoutSchedule Schedule)> _schedules = [];
    private long _nextWorkoutId = 9_000_001;
    private long _nextScheduleId = 5_000_001;
    private long _nextStepId = 1;

    /// <summary>Every workout the user holds, scheduled or not (to check nothing is left behind).</summary>
    public IReadOnlyList<GarminWorkout> Workouts(string garminUserId)
    {
        lock (_gate)
        {
            return [.. _workouts.Values.Where(w => w.UserId == garminUserId).Select(w => w.Workout).OrderBy(w => w.WorkoutId)];
        }
    }

    internal GarminWorkout AddWorkout(string garminUserId, GarminWorkout workout)
    {
        var ownerId = accounts.OwnerId(garminUserId);
        lock (_gate)
        {
            var id = _nextWorkoutId++;
            var stamp = Stamp();
            var stored = WithStepIds(workout) with
            {
                WorkoutId = id,
                OwnerId = ownerId,
                CreatedDate = stamp,
                UpdatedDate = stamp,
            };
            _workouts[id] = (garminUserId, stored);
            return stored;
        }
    }

    internal GarminWorkout? GetWorkout(string garminUserId, long workoutId)
    {
        lock (_gate)
        {
            return _workouts.TryGetValue(workoutId, out var entry) && entry.UserId == garminUserId ? entry.Workout : null;
        }
    }

    internal bool ReplaceWorkout(string garminUserId, long workoutId, GarminWorkout workout)
    {
        lock (_gate)
        {
            if (!_workouts.TryGetValue(workoutId, out var entry) || entry.UserId != garminUserId)
            {
                return false;
            }

            _workouts[workoutId] = (garminUserId, WithStepIds(workout) with
            {
                WorkoutId = workoutId,
                OwnerId = entry.Workout.OwnerId,
                CreatedDate = entry.Workout.CreatedDate,
                UpdatedDate = Stamp(),
            });
            return true;
        }
    }

    /// <summary>Deletes the workout and, as in Garmin Connect, its calendar entries.</summary>
    internal bool DeleteWorkout(string garminUserId, long workoutId)
    {
        lock (_gate)
        {
            if (!_workouts.TryGetValue(workoutId, out var entry) || entry.UserId != garminUserId)
            {
                return false;
            }

            _workouts.Remove(workoutId);
            foreach (var id in _schedules.Where(s => s.Value.Schedule.WorkoutId == workoutId).Select(s => s.Key).ToList())
            {
                _schedules.Remove(id);
            }

            return true;
        }
    }

    internal GarminWorkoutSchedule? AddSchedule(string garminUserId, long workoutId, DateOnly date)
    {
        lock (_gate)
        {
            if (!_workouts.TryGetValue(workoutId, out var entry) || entry.UserId != garminUserId)
            {
                return null;
            }

            var schedule = new GarminWorkoutSchedule { ScheduleId = _nextScheduleId++, WorkoutId = workoutId, Date = date };
            _schedules[schedule.ScheduleId!.Value] = (garminUserId, schedule);
            return schedule;
        }
    }

    internal GarminWorkoutSchedule? GetSchedule(string garminUserId, long scheduleId)
    {
        lock (_gate)
        {
            return _schedules.TryGetValue(scheduleId, out var entry) && entry.UserId == garminUserId ? entry.Schedule : null;
        }
    }

    /// <summary>PUT schedule: null when the schedule or the new workout is not this user's.</summary>
    internal bool? ReplaceSchedule(string garminUserId, long scheduleId, long workoutId, DateOnly date)
    {
        lock (_gate)
        {
            if (!_schedules.TryGetValue(scheduleId, out var entry) || entry.UserId != garminUserId)
            {
                return false;
            }

            if (!_workouts.TryGetValue(workoutId, out var workout) || workout.UserId != garminUserId)
            {
                return null;
            }

            _schedules[scheduleId] = (garminUserId, new GarminWorkoutSchedule { ScheduleId = scheduleId, WorkoutId = workoutId, Date = date });
            return true;
        }
    }

    internal bool DeleteSchedule(string garminUserId, long scheduleId)
    {
        lock (_gate)
        {
            return _schedules.TryGetValue(scheduleId, out var entry) && entry.UserId == garminUserId && _schedules.Remove(scheduleId);
        }
    }

    internal IReadOnlyList<GarminWorkoutSchedule> ListSchedules(string garminUserId, DateOnly start, DateOnly end)
    {
        lock (_gate)
        {
            return _schedules.Values
                .Where(s => s.UserId == garminUserId && s.Schedule.Date >= start && s.Schedule.Date <= end)
                .Select(s => s.Schedule)
                .OrderBy(s => s.Date)
                .ThenBy(s => s.ScheduleId)
                .ToList();
        }
    }

    /// <summary>The user's calendar as the watch receives it: every scheduled workout by date.</summary>
    public IReadOnlyList<SandboxCalendarEntry> Calendar(string garminUserId)
    {
        lock (_gate)
        {
            return _schedules.Values
                .Where(s => s.UserId == garminUserId && _workouts.ContainsKey(s.Schedule.WorkoutId))
                .Select(s => new SandboxCalendarEntry(s.Schedule.ScheduleId!.Value, s.Schedule.Date, _workouts[s.Schedule.WorkoutId].Workout))
                .OrderBy(e => e.Date)
                .ThenBy(e => e.ScheduleId)
                .ToList();
        }
    }

    private string Stamp() => time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.f", CultureInfo.InvariantCulture);

    private GarminWorkout WithStepIds(GarminWorkout workout) => workout with
    {
        Segments = workout.Segments.Select(s => s with { Steps = WithStepIds(s.Steps) }).ToList(),
    };

    private List<GarminWorkoutStepBase> WithStepIds(IReadOnlyList<GarminWorkoutStepBase> steps) =>
        steps.Select(s => s switch
        {
            GarminWorkoutStep step => step with { StepId = _nextStepId++ },
            GarminWorkoutRepeatStep repeat => (GarminWorkoutStepBase)(repeat with { StepId = _nextStepId++, Steps = WithStepIds(repeat.Steps) }),
            _ => s,
        }).ToList();
}
