using System.Globalization;
using System.Text.Json;
using Coopah.Core.Garmin.Training;

namespace Coopah.Core.Garmin;

/// <summary>
/// Garmin's Training API V2: creating, replacing and deleting workouts, and putting them on (or moving them
/// around, or taking them off) the user's calendar. Only the plan sync writes here, so there are no read calls.
/// </summary>
public sealed class GarminTrainingClient(GarminHttpTransport transport)
{
    private GarminOptions Options => transport.Options;

    /// <summary>Creates a workout (POST workoutportal/workout/v2); returns it with workoutId and ownerId.</summary>
    public async Task<GarminWorkout> CreateWorkoutAsync(GarminCredentials credentials, GarminWorkout workout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workout);
        // Garmin assigns both ids on create; ids from an earlier push must not leak into the new workout.
        var body = workout with { WorkoutId = null, OwnerId = null };
        using var request = transport.CreateRequest(HttpMethod.Post, GarminOptions.Combine(Options.ApisBaseUrl, Options.WorkoutCreatePath), credentials,
            GarminHttpTransport.JsonBody(body, GarminJsonContext.Default.GarminWorkout));
        return await transport.SendForJsonAsync(request, GarminJsonContext.Default.GarminWorkout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces a workout (PUT); <see cref="GarminWorkout.WorkoutId"/> and <see cref="GarminWorkout.OwnerId"/> are required.</summary>
    public async Task UpdateWorkoutAsync(GarminCredentials credentials, GarminWorkout workout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workout);
        if (workout.WorkoutId is not { } id || workout.OwnerId is null)
        {
            throw new ArgumentException("Updating a workout needs its workoutId and ownerId.", nameof(workout));
        }

        using var request = transport.CreateRequest(HttpMethod.Put, WorkoutUrl(id), credentials,
            GarminHttpTransport.JsonBody(workout, GarminJsonContext.Default.GarminWorkout));
        await transport.SendNoContentAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a workout.</summary>
    public async Task DeleteWorkoutAsync(GarminCredentials credentials, long workoutId, CancellationToken cancellationToken = default)
    {
        using var request = transport.CreateRequest(HttpMethod.Delete, WorkoutUrl(workoutId), credentials);
        await transport.SendNoContentAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Schedules a workout on a date. The returned <see cref="GarminWorkoutSchedule.ScheduleId"/> is read from
    /// scheduleId, workoutScheduleId, id or a bare number, and is null when Garmin returned no body.
    /// </summary>
    public async Task<GarminWorkoutSchedule> CreateScheduleAsync(GarminCredentials credentials, long workoutId, DateOnly date, CancellationToken cancellationToken = default)
    {
        var schedule = new GarminWorkoutSchedule { WorkoutId = workoutId, Date = date };
        using var request = transport.CreateRequest(HttpMethod.Post, GarminOptions.Combine(Options.ApisBaseUrl, Options.SchedulePath), credentials,
            GarminHttpTransport.JsonBody(schedule, GarminJsonContext.Default.GarminWorkoutSchedule));
        var body = await transport.SendForStringAsync(request, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(body))
        {
            return schedule;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return ReadSchedule(document.RootElement, schedule);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            throw GarminHttpTransport.InvalidResponse(request, body, "The schedule response could not be read.", ex);
        }
    }

    /// <summary>Moves or changes a schedule (PUT with the full body); <see cref="GarminWorkoutSchedule.ScheduleId"/> is required.</summary>
    public async Task UpdateScheduleAsync(GarminCredentials credentials, GarminWorkoutSchedule schedule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (schedule.ScheduleId is not { } id)
        {
            throw new ArgumentException("Updating a schedule needs its scheduleId.", nameof(schedule));
        }

        using var request = transport.CreateRequest(HttpMethod.Put, ScheduleUrl(id), credentials,
            GarminHttpTransport.JsonBody(schedule, GarminJsonContext.Default.GarminWorkoutSchedule));
        await transport.SendNoContentAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes a workout from the calendar.</summary>
    public async Task DeleteScheduleAsync(GarminCredentials credentials, long scheduleId, CancellationToken cancellationToken = default)
    {
        using var request = transport.CreateRequest(HttpMethod.Delete, ScheduleUrl(scheduleId), credentials);
        await transport.SendNoContentAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private Uri WorkoutUrl(long id) =>
        GarminOptions.Combine(Options.ApisBaseUrl, Options.WorkoutPath.TrimEnd('/') + "/" + id.ToString(CultureInfo.InvariantCulture));

    private Uri ScheduleUrl(long id) =>
        GarminOptions.Combine(Options.ApisBaseUrl, Options.SchedulePath.TrimEnd('/') + "/" + id.ToString(CultureInfo.InvariantCulture));

    /// <summary>Garmin's schedule answers vary (object with one of several id names, or a bare id); fills gaps from <paramref name="fallback"/>.</summary>
    private static GarminWorkoutSchedule ReadSchedule(JsonElement element, GarminWorkoutSchedule fallback)
    {
        if (element.ValueKind == JsonValueKind.Number)
        {
            return fallback with { ScheduleId = element.GetInt64() };
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("Expected a schedule object or id.");
        }

        long? id = fallback.ScheduleId;
        foreach (var name in new[] { "scheduleId", "workoutScheduleId", "id" })
        {
            if (element.TryGetProperty(name, out var value) && ReadLong(value) is { } parsed)
            {
                id = parsed;
                break;
            }
        }

        var workoutId = element.TryGetProperty("workoutId", out var w) && ReadLong(w) is { } wid ? wid : fallback.WorkoutId;
        var date = element.TryGetProperty("date", out var d) && d.ValueKind == JsonValueKind.String
            ? DateOnly.ParseExact(d.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : fallback.Date;
        return new GarminWorkoutSchedule { ScheduleId = id, WorkoutId = workoutId, Date = date };
    }

    private static long? ReadLong(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out var n) => n,
        JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) => s,
        _ => null,
    };
}
