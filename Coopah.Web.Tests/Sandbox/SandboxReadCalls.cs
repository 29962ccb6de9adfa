using System.Globalization;
using Coopah.Core.Garmin;
using Coopah.Core.Garmin.Training;

namespace Coopah.Web.Tests.Sandbox;

/// <summary>
/// Garmin calls the sandbox serves but the product never makes (it only writes workouts and schedules and never
/// asks for backfill), so they are not on the product's clients. Sent through the real
/// <see cref="GarminHttpTransport"/>, so authentication and error classification are exactly the product's.
/// </summary>
internal sealed class SandboxReadCalls(GarminHttpTransport transport)
{
    private GarminOptions Options => transport.Options;

    public async Task<GarminWorkout> GetWorkoutAsync(GarminCredentials credentials, long workoutId)
    {
        var url = GarminOptions.Combine(Options.ApisBaseUrl, Options.WorkoutPath.TrimEnd('/') + "/" + workoutId.ToString(CultureInfo.InvariantCulture));
        using var request = transport.CreateRequest(HttpMethod.Get, url, credentials);
        return await transport.SendForJsonAsync(request, GarminJsonContext.Default.GarminWorkout, CancellationToken.None);
    }

    public async Task<List<GarminWorkoutSchedule>> ListSchedulesAsync(GarminCredentials credentials, DateOnly startDate, DateOnly endDate)
    {
        var url = GarminHttpTransport.WithQuery(GarminOptions.Combine(Options.ApisBaseUrl, Options.SchedulePath.TrimEnd('/')),
        [
            new("startDate", startDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("endDate", endDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ]);
        using var request = transport.CreateRequest(HttpMethod.Get, url, credentials);
        return await transport.SendForJsonAsync(request, GarminJsonContext.Default.ListGarminWorkoutSchedule, CancellationToken.None);
    }

    public async Task RequestBackfillAsync(GarminCredentials credentials, string summaryType, DateTimeOffset start, DateTimeOffset end)
    {
        var url = GarminHttpTransport.WithQuery(GarminOptions.Combine(Options.ApisBaseUrl, Options.BackfillPath + Uri.EscapeDataString(summaryType)),
        [
            new("summaryStartTimeInSeconds", start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            new("summaryEndTimeInSeconds", end.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        ]);
        using var request = transport.CreateRequest(HttpMethod.Get, url, credentials);
        await transport.SendNoContentAsync(request, CancellationToken.None);
    }
}
