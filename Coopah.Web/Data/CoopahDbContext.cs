using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Coopah.Web.Data;

public sealed class CoopahDbContext(DbContextOptions<CoopahDbContext> options) : IdentityDbContext<ApplicationUser>(options)
{
    public DbSet<GarminLink> GarminLinks => Set<GarminLink>();

    public DbSet<GarminPendingAuthorization> GarminPendingAuthorizations => Set<GarminPendingAuthorization>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CoopahDbContext).Assembly);
    }
}
