using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Coopah.Web.Data;

public sealed class CoopahDbContext(DbContextOptions<CoopahDbContext> options) : IdentityDbContext<ApplicationUser>(options)
{
    public DbSet<GarminLink> GarminLinks => Set<GarminLink>();

    public DbSet<GarminInboxMessage> GarminInbox => Set<GarminInboxMessage>();

    public DbSet<GarminParkedItem> GarminParkedItems => Set<GarminParkedItem>();

    public DbSet<GarminActivity> GarminActivities => Set<GarminActivity>();

    public DbSet<GarminFile> GarminFiles => Set<GarminFile>();

    public DbSet<StoredPlan> Plans => Set<StoredPlan>();

    public DbSet<StoredPlanSession> PlanSessions => Set<StoredPlanSession>();

    public DbSet<RunnerGoal> RunnerGoals => Set<RunnerGoal>();

    public DbSet<RunnerSession> RunnerSessions => Set<RunnerSession>();

    public DbSet<GarminSyncIntent> GarminSyncIntents => Set<GarminSyncIntent>();

    public DbSet<GarminSessionSync> GarminSessionSyncs => Set<GarminSessionSync>();

    public DbSet<GarminPendingAuthorization> GarminPendingAuthorizations => Set<GarminPendingAuthorization>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CoopahDbContext).Assembly);
    }
}
