using Microsoft.AspNetCore.Identity;

namespace Coopah.Web.Data;

public sealed class ApplicationUser : IdentityUser
{
    /// <summary>Name shown to coaches and admins; falls back to the e-mail address.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The coach this runner is assigned to; coaches see only their own runners.</summary>
    public string? CoachId { get; set; }

    public ApplicationUser? Coach { get; set; }

    public string Name => string.IsNullOrWhiteSpace(DisplayName) ? Email ?? UserName ?? Id : DisplayName;
}
