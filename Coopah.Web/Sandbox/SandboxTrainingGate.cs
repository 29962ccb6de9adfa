using System.Globalization;
using Coopah.Core.Garmin;

namespace Coopah.Web.Sandbox;

/// <summary>
/// The checks in front of every Training API call, in Garmin's order: an injected fault, authentication (401),
/// quota (429), WORKOUT_IMPORT (412).
/// </summary>
internal sealed class SandboxTrainingGate(SandboxFaults faults, SandboxRequestAuthenticator auth, SandboxQuota quota, SandboxAccounts accounts)
{
    /// <summary>The calling user, or the answer to send instead.</summary>
    public async Task<(string? UserId, IResult? Failure)> AdmitAsync(HttpRequest request)
    {
        if (faults.TakeFault(SandboxOperations.Training) is { } status)
        {
            return (null, SandboxOAuthEndpoints.Fault(status));
        }

        var caller = await auth.AuthenticateAsync(request);
        if (caller.Failure is not null)
        {
            return (null, caller.Failure);
        }

        var (retryAfter, reason) = quota.TryConsumeTrainingQuota(caller.UserId!);
        if (retryAfter is { } wait)
        {
            request.HttpContext.Response.Headers.RetryAfter = ((long)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return (null, TypedResults.Json(new ErrorBody(reason), statusCode: StatusCodes.Status429TooManyRequests));
        }

        if (!accounts.HasPermission(caller.UserId!, GarminPermissions.WorkoutImport))
        {
            return (null, TypedResults.Json(new ErrorBody("The user has not granted WORKOUT_IMPORT."), statusCode: StatusCodes.Status412PreconditionFailed));
        }

        return (caller.UserId, null);
    }
}
