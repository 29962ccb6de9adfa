using System.Security.Claims;
using Coopah.Core.Garmin.Training;
using Coopah.Web.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopah.Web.Plans;

/// <summary>"Download .FIT" on the session page: the signed-in runner's own session only.</summary>
public static class SessionFileEndpoints
{
    public static RouteHandlerBuilder MapSessionFiles(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/calendar/sessions/{id:int}/workout.fit", DownloadFitAsync).RequireAuthorization(Policies.Runner).WithTags("Sessions");

    public static async Task<Results<FileContentHttpResult, NotFound, BadRequest<string>>> DownloadFitAsync(
        int id, ClaimsPrincipal user, SessionFitExport export, CancellationToken cancellationToken)
    {
        try
        {
            // Another runner's id answers 404 like a missing one, so ids reveal nothing.
            return await export.ExportAsync(user.RequireUserId(), id, cancellationToken) is { } file
                ? TypedResults.File(file.Content, "application/vnd.ant.fit", file.FileName)
                : TypedResults.NotFound();
        }
        catch (GarminWorkoutMappingException ex)
        {
            return TypedResults.BadRequest(ex.Message);
        }
    }
}
