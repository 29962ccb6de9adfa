using System.Globalization;
using System.Text.Json;
using Coopah.Core.Garmin;
using Coopah.Core.Garmin.Training;

namespace Coopah.Web.Sandbox;

/// <summary>The sandbox's user, Training API V2, schedule and activity-file endpoints (spec sections 1.3, 2, 3.5, 7).</summary>
internal static class SandboxApiEndpoints
{
    public static void MapSandboxApi(this RouteGroupBuilder group)
    {
        // Garmin's documents disagree on the user paths, so the sandbox serves every variant (spec 1.3).
        foreach (var prefix in new[] { "/wellness-api/rest/user", "/partner-gateway/rest/user" })
        {
            group.MapGet(prefix + "/id", UserIdAsync);
            group.MapGet(prefix + "/permissions", PermissionsAsync);
            group.MapDelete(prefix + "/registration", DeleteRegistrationAsync);
        }

        group.MapGet("/userPermissions", PermissionsAsync);

        group.MapPost("/workoutportal/workout/v2", CreateWorkoutAsync);
        group.MapGet("/training-api/workout/v2/{workoutId:long}", GetWorkoutAsync);
        group.MapPut("/training-api/workout/v2/{workoutId:long}", UpdateWorkoutAsync);
        group.MapDelete("/training-api/workout/v2/{workoutId:long}", DeleteWorkoutAsync);
        // Routing ignores a trailing slash, so "schedule" also serves Garmin's "schedule/".
        group.MapPost("/training-api/schedule", CreateScheduleAsync);
        group.MapGet("/training-api/schedule", ListSchedulesAsync);
        group.MapGet("/training-api/schedule/{scheduleId:long}", GetScheduleAsync);
        group.MapPut("/training-api/schedule/{scheduleId:long}", UpdateScheduleAsync);
        group.MapDelete("/training-api/schedule/{scheduleId:long}", DeleteScheduleAsync);

        group.MapGet("/" + SandboxFileStore.DownloadPath, DownloadFile);
        group.MapGet("/wellness-api/rest/backfill/{summaryType}", BackfillAsync);
    }

    internal static async Task<IResult> UserIdAsync(HttpRequest request, SandboxFaults faults, SandboxRequestAuthenticator auth)
    {
        if (faults.TakeFault(SandboxOperations.UserId) is { } status)
        {
            return SandboxOAuthEndpoints.Fault(status);
        }

        var caller = await auth.AuthenticateAsync(request);
        return caller.Failure ?? TypedResults.Json(new GarminUserIdResponse(caller.UserId), GarminJsonContext.Default.GarminUserIdResponse);
    }

    internal static async Task<IResult> PermissionsAsync(HttpRequest request, SandboxAccounts accounts, SandboxFaults faults, SandboxRequestAuthenticator auth)
    {
        if (faults.TakeFault(SandboxOperations.Permissions) is { } status)
        {
            return SandboxOAuthEndpoints.Fault(status);
        }

        var caller = await auth.AuthenticateAsync(request);
        // The bare-array shape (one of the two documented ones; the client reads both).
        return caller.Failure ?? TypedResults.Json(accounts.FindUser(caller.UserId!)?.Permissions ?? []);
    }

    internal static async Task<IResult> DeleteRegistrationAsync(
        HttpRequest request, SandboxAccounts accounts, SandboxFaults faults, SandboxRequestAuthenticator auth, SandboxPushSender pushes)
    {
        if (faults.TakeFault(SandboxOperations.Registration) is { } status)
        {
            return SandboxOAuthEndpoints.Fault(status);
        }

        var caller = await auth.AuthenticateAsync(request);
        if (caller.Failure is not null)
        {
            return caller.Failure;
        }

        accounts.Deregister(caller.UserId!);
        // OAuth1-era notifications carried the user access token too.
        pushes.Enqueue(SandboxNotifications.DeregistrationsType, SandboxNotifications.Deregistration(caller.UserId!, caller.OAuth1Token));
        return TypedResults.NoContent();
    }

    internal static async Task<IResult> CreateWorkoutAsync(HttpRequest request, SandboxTrainingStore training, SandboxTrainingGate gate)
    {
        var (userId, failure) = await gate.AdmitAsync(request);
        if (failure is not null)
        {
            return failure;
        }

        var (workout, problem) = await ReadWorkoutAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        return TypedResults.Json(training.AddWorkout(userId!, workout!), GarminJsonContext.Default.GarminWorkout);
    }

    internal static async Task<IResult> GetWorkoutAsync(long workoutId, HttpRequest request, SandboxTrainingStore training, SandboxTrainingGate gate)
    {
        var (userId, failure) = await gate.AdmitAsync(request);
        if (failure is not null)
        {
            return failure;
        }

        return training.GetWorkout(userId!, workoutId) is { } workout
            ? TypedResults.Json(workout, GarminJsonContext.Default.GarminWorkout)
            : NotFound("Workout not found.");
    }

    internal static async Task<IResult> UpdateWorkoutAsync(long workoutId, HttpRequest request, SandboxTrainingStore training, SandboxTrainingGate gate)
    {
        var (userId, failure) = await gate.AdmitAsync(request);
        if (failure is not null)
        {
            return failure;
        }

        var (workout, problem) = await ReadWorkoutAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        var existing = training.GetWorkout(userId!, workoutId);
        if (existing is null)
        {
            return NotFound("Workout not found.");
        }

        if (workout!.OwnerId != existing.OwnerId)
        {
            return BadRequest("ownerId is required on update and must be the workout's owner.");
        }

        return training.ReplaceWorkout(userId!, workoutId, workout) ? TypedResults.NoContent() : NotFound("Workout not found.");
    }

    internal static async Task<IResult> DeleteWorkoutAsync(long workoutId, HttpRequest request, SandboxTrainingStore training, SandboxTrainingGate gate)
    {
        var (userId, failure) = await gate.AdmitAsync(request);
        if (failure is not null)
        {
            return failure;
        }

        return training.DeleteWorkout(userId!, workoutId) ? TypedResults.NoContent() : NotFound("Workout not found.");
    }

    internal static async Task<IResult> CreateScheduleAsync(HttpRequest request, SandboxTrainingStore training, SandboxTrainingGate gate)
    {
        var (userId, failure) = await gate.AdmitAsync(request);
        if (failure is not null)
        {
            return failure;
        }

        var (schedule, problem) = await ReadScheduleAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        return training.AddSchedule(userId!, schedule!.WorkoutId, schedule.Date) is { } created
            ? TypedResults.Json(created, GarminJsonContext.Default.GarminWorkoutSchedule)
            : BadRequest("workoutId does not name one of this user's workouts.");
    }

    internal static async Task<IResult> GetScheduleAsync(long scheduleId, HttpRequest request, SandboxTrainingStore training, SandboxTrainingGate gate)
    {
        var (userId, failure) = await gate.AdmitAsync(request);
        if (failure is not null)
        {
            return failure;
        }

        return training.GetSchedule(userId!, scheduleId) is { } schedule
            ? TypedResults.Json(schedule, GarminJsonContext.Default.GarminWorkoutSchedule)
            : NotFound("Schedule not found.");
    }

    internal static async Task<IResult> UpdateScheduleAsync(long scheduleId, HttpRequest request, SandboxTrainingStore training, SandboxTrainingGate gate)
    {
        var (userId, failure) = await gate.AdmitAsync(request);
        if (failure is not null)
        {
            return failure;
        }

        var (schedule, problem) = await ReadScheduleAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        return training.ReplaceSchedule(userId!, scheduleId, schedule!.WorkoutId, schedule.Date) switch
        {
            true => TypedResults.NoContent(),
            false => NotFound("Schedule not found."),
            null => BadRequest("workoutId does not name one of this user's workouts."),
        };
    }

    internal static async Task<IResult> DeleteScheduleAsync(long scheduleId, HttpRequest request, SandboxTrainingStore training, SandboxTrainingGate gate)
    {
        var (userId, failure) = await gate.AdmitAsync(request);
        if (failure is not null)
        {
            return failure;
        }

        return training.DeleteSchedule(userId!, scheduleId) ? TypedResults.NoContent() : NotFound("Schedule not found.");
    }

    internal static async Task<IResult> ListSchedulesAsync(HttpRequest request, SandboxTrainingStore training, SandboxTrainingGate gate)
    {
        var (userId, failure) = await gate.AdmitAsync(request);
        if (failure is not null)
        {
            return failure;
        }

        if (!TryDate(request.Query["startDate"], out var start) || !TryDate(request.Query["endDate"], out var end) || end < start)
        {
            return BadRequest("startDate and endDate (yyyy-MM-dd, start <= end) are required.");
        }

        return TypedResults.Json(training.ListSchedules(userId!, start, end).ToList(), GarminJsonContext.Default.ListGarminWorkoutSchedule);
    }

    internal static IResult DownloadFile(HttpRequest request, SandboxFileStore files)
    {
        var (status, bytes, fileType) = files.Take(request.Query["id"], request.Query["token"]);
        return status switch
        {
            SandboxFileStore.SandboxFileStatus.Ok => TypedResults.File(bytes!, "application/octet-stream", "activity." + fileType!.ToLowerInvariant()),
            SandboxFileStore.SandboxFileStatus.Gone => TypedResults.Json(new ErrorBody("The file was already downloaded or has expired."), statusCode: StatusCodes.Status410Gone),
            _ => NotFound("Unknown file."),
        };
    }

    /// <summary>Backfill (spec 3.7): 202, 400 for bad or too long ranges (30 days activity, 90 health), 409 duplicate, 429 quota.</summary>
    internal static async Task<IResult> BackfillAsync(string summaryType, HttpRequest request, SandboxBackfill backfill, SandboxRequestAuthenticator auth)
    {
        var caller = await auth.AuthenticateAsync(request);
        if (caller.Failure is not null)
        {
            return caller.Failure;
        }

        if (!long.TryParse(request.Query["summaryStartTimeInSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !long.TryParse(request.Query["summaryEndTimeInSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            || end <= start)
        {
            return BadRequest("summaryStartTimeInSeconds and summaryEndTimeInSeconds are required (start < end).");
        }

        // Garmin's tell-tale message for callers sending milliseconds.
        if (start > 100_000_000_000 || end > 100_000_000_000)
        {
            return BadRequest(string.Create(CultureInfo.InvariantCulture, $"timestamp '{Math.Max(start, end)}' appears to be in milliseconds"));
        }

        var activityTypes = new[] { "activities", "activityDetails", "moveiq" };
        var maxDays = activityTypes.Contains(summaryType, StringComparer.Ordinal) ? 30 : 90;
        if (end - start > maxDays * 86400L)
        {
            return BadRequest(string.Create(CultureInfo.InvariantCulture, $"The range exceeds {maxDays} days."));
        }

        return backfill.TryBackfill(caller.UserId!, summaryType, start, end) is { } refusal
            ? TypedResults.Json(new ErrorBody(refusal.Message), statusCode: refusal.Status)
            : TypedResults.Accepted((string?)null);
    }

    private static async Task<(GarminWorkout? Workout, IResult? Problem)> ReadWorkoutAsync(HttpRequest request)
    {
        GarminWorkout? workout;
        try
        {
            workout = await JsonSerializer.DeserializeAsync(request.Body, GarminJsonContext.Default.GarminWorkout);
        }
        catch (JsonException ex)
        {
            return (null, BadRequest("Invalid workout JSON: " + ex.Message));
        }

        if (workout is null)
        {
            return (null, BadRequest("A workout body is required."));
        }

        var errors = GarminWorkoutValidator.Validate(workout);
        return errors.Count > 0
            ? (null, BadRequest(string.Join(" ", errors)))
            : (GarminWorkoutValidator.Normalize(workout), null);
    }

    private static async Task<(GarminWorkoutSchedule? Schedule, IResult? Problem)> ReadScheduleAsync(HttpRequest request)
    {
        try
        {
            var schedule = await JsonSerializer.DeserializeAsync(request.Body, GarminJsonContext.Default.GarminWorkoutSchedule);
            return schedule is { WorkoutId: > 0 } && schedule.Date != default
                ? (schedule, null)
                : (null, BadRequest("workoutId and date (yyyy-MM-dd) are required."));
        }
        catch (JsonException ex)
        {
            return (null, BadRequest("Invalid schedule JSON: " + ex.Message));
        }
    }

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static IResult BadRequest(string message) => TypedResults.Json(new ErrorBody(message), statusCode: StatusCodes.Status400BadRequest);

    private static IResult NotFound(string message) => TypedResults.Json(new ErrorBody(message), statusCode: StatusCodes.Status404NotFound);
}
