using System.Security.Claims;
using Coopah.Web.Authorization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Coopah.Web.Garmin.Link;

/// <summary>
/// The runner's Garmin link flow. Connect and Disconnect are form posts with an antiforgery token; the two
/// callbacks are where Garmin sends the browser back. All of them act only for the signed-in runner and end on
/// /garmin with a message key.
/// </summary>
public static class GarminLinkEndpoints
{
    public const string GarminPage = "/garmin";

    public static RouteGroupBuilder MapGarminLink(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/garmin").RequireAuthorization(Policies.Runner).WithTags("Garmin link");
        group.MapPost("/connect", ConnectAsync).AddEndpointFilter(ValidateAntiforgeryAsync);
        group.MapPost("/disconnect", DisconnectAsync).AddEndpointFilter(ValidateAntiforgeryAsync);
        group.MapGet("/callback", OAuth1CallbackAsync);
        group.MapGet("/oauth2/callback", OAuth2CallbackAsync);
        return group;
    }

    /// <summary>Starts linking for the signed-in runner (no user id is accepted from the request) and redirects to Garmin's consent page.</summary>
    public static async Task<RedirectHttpResult> ConnectAsync(HttpContext context, CancellationToken cancellationToken)
    {
        // Resolved here rather than injected: without Garmin keys (and no sandbox) the Garmin options fail
        // validation when the client is built, and the runner should read that, not get a 500.
        GarminLinkService links;
        try
        {
            links = context.RequestServices.GetRequiredService<GarminLinkService>();
        }
        catch (OptionsValidationException)
        {
            return BackToPage(GarminLinkMessages.NotConfigured);
        }

        var user = context.User;
        var start = await links.StartAsync(user.RequireUserId(), user.FindFirstValue(ClaimTypes.Name), Origin(context.Request), cancellationToken);
        return start.ConsentUrl is { } consent
            ? TypedResults.Redirect(consent.AbsoluteUri)
            : BackToPage(start.MessageKey!);
    }

    public static async Task<RedirectHttpResult> DisconnectAsync(ClaimsPrincipal user, GarminLinkService links, CancellationToken cancellationToken) =>
        BackToPage(await links.DisconnectAsync(user.RequireUserId(), cancellationToken));

    public static async Task<RedirectHttpResult> OAuth1CallbackAsync(
        ClaimsPrincipal user, GarminLinkService links, string? oauth_token, string? oauth_verifier, CancellationToken cancellationToken) =>
        BackToPage(await links.CompleteOAuth1Async(user.RequireUserId(), oauth_token, oauth_verifier, cancellationToken));

    public static async Task<RedirectHttpResult> OAuth2CallbackAsync(
        ClaimsPrincipal user, GarminLinkService links, string? code, string? state, string? error, string? error_description, CancellationToken cancellationToken) =>
        BackToPage(await links.CompleteOAuth2Async(user.RequireUserId(), code, state, error, error_description, cancellationToken));

    /// <summary>
    /// The antiforgery middleware only records its verdict; minimal APIs act on it solely when they bind a form,
    /// and these handlers bind none, so the check is made here.
    /// </summary>
    internal static async ValueTask<object?> ValidateAntiforgeryAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var antiforgery = context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
        return await antiforgery.IsRequestValidAsync(context.HttpContext)
            ? await next(context)
            : TypedResults.BadRequest();
    }

    /// <summary>This site's root as the browser reached it: callbacks must come back to the same host and port.</summary>
    internal static Uri Origin(HttpRequest request) =>
        new($"{request.Scheme}://{request.Host}{request.PathBase}/");

    private static RedirectHttpResult BackToPage(string messageKey) =>
        TypedResults.LocalRedirect($"{GarminPage}?message={Uri.EscapeDataString(messageKey)}");
}
