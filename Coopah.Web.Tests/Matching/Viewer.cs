using System.Security.Claims;
using Coopah.Web.Authorization;

namespace Coopah.Web.Tests.Matching;

/// <summary>Signed-in users as the services see them.</summary>
public static class Viewer
{
    public static ClaimsPrincipal Runner(string id) => As(id, Roles.Runner);

    public static ClaimsPrincipal Coach(string id) => As(id, Roles.Coach);

    public static ClaimsPrincipal Admin(string id) => As(id, Roles.Admin);

    public static ClaimsPrincipal As(string id, params string[] roles) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "test"));
}
