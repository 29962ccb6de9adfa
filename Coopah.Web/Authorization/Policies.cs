using Microsoft.AspNetCore.Authorization;

namespace Coopah.Web.Authorization;

/// <summary>Every page and endpoint names one of these; this is the only place that maps them to roles.</summary>
public static class Policies
{
    public const string Admin = "Admin";
    public const string Coach = "Coach";
    public const string Runner = "Runner";
    public const string Member = "Member";

    public static void Configure(AuthorizationOptions options)
    {
        options.AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        // Admins oversee coaching, so they may open every coach view too.
        options.AddPolicy(Coach, p => p.RequireAuthenticatedUser().RequireRole(Roles.Coach, Roles.Admin));
        options.AddPolicy(Runner, p => p.RequireAuthenticatedUser().RequireRole(Roles.Runner));
        options.AddPolicy(Member, p => p.RequireAuthenticatedUser());
        options.FallbackPolicy = null;
    }
}
