using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Coopah.Web.Data;

namespace Coopah.Web.Components.Account;

internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public const string StatusCookieName = "Identity.StatusMessage";

    private static readonly CookieBuilder StatusCookieBuilder = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(5),
    };

    public void RedirectTo(string? uri) => navigationManager.NavigateTo(ToLocal(uri, navigationManager.BaseUri));

    /// <summary>
    /// Keeps a redirect on this site: our own absolute URLs become base-relative, plain local paths stay, and anything
    /// else (another host, "//host", "/\host", "javascript:") becomes the home page instead of an error.
    /// </summary>
    internal static string ToLocal(string? uri, string baseUri)
    {
        if (string.IsNullOrWhiteSpace(uri))
        {
            return "";
        }

        if (Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            return absolute.AbsoluteUri.StartsWith(baseUri, StringComparison.OrdinalIgnoreCase) ? absolute.AbsoluteUri[baseUri.Length..] : "";
        }

        // Browsers read a backslash as a slash and ignore tabs and line breaks, so "/\evil" and "/\t/evil" leave the site.
        var local = Uri.IsWellFormedUriString(uri, UriKind.Relative)
            && !uri.StartsWith("//", StringComparison.Ordinal)
            && !uri.Contains('\\', StringComparison.Ordinal)
            && !uri.Any(char.IsControl)
            && !HasScheme(uri);
        return local ? uri : "";
    }

    /// <summary>"javascript:..." and friends: a colon before the first slash, question mark or hash.</summary>
    private static bool HasScheme(string uri)
    {
        var end = uri.IndexOfAny(['/', '?', '#']);
        return (end < 0 ? uri : uri[..end]).Contains(':', StringComparison.Ordinal);
    }

    public void RedirectTo(string uri, Dictionary<string, object?> queryParameters)
    {
        var uriWithoutQuery = navigationManager.ToAbsoluteUri(uri).GetLeftPart(UriPartial.Path);
        var newUri = navigationManager.GetUriWithQueryParameters(uriWithoutQuery, queryParameters);
        RedirectTo(newUri);
    }

    public void RedirectToWithStatus(string uri, string message, HttpContext context)
    {
        context.Response.Cookies.Append(StatusCookieName, message, StatusCookieBuilder.Build(context));
        RedirectTo(uri);
    }

    private string CurrentPath => navigationManager.ToAbsoluteUri(navigationManager.Uri).GetLeftPart(UriPartial.Path);

    public void RedirectToCurrentPage() => RedirectTo(CurrentPath);

    public void RedirectToCurrentPageWithStatus(string message, HttpContext context)
        => RedirectToWithStatus(CurrentPath, message, context);

    public void RedirectToInvalidUser(UserManager<ApplicationUser> userManager, HttpContext context)
        => RedirectToWithStatus("Account/InvalidUser", $"Error: Unable to load user with ID '{userManager.GetUserId(context.User)}'.", context);
}
