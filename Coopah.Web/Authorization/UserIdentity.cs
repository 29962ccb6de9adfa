using System.Security.Claims;

namespace Coopah.Web.Authorization;

public static class UserIdentity
{
    public static string RequireUserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The signed-in user has no id claim.");
}
