using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Coopah.Web.Data;

/// <summary>The app's tables; on PostgreSQL the host uses <see cref="PostgresCoopahDbContext"/>, the same model with its own migrations.</summary>
public class CoopahDbContext : IdentityDbContext<ApplicationUser>, IDataProtectionKeyContext
{
    public CoopahDbContext(DbContextOptions<CoopahDbContext> options)
        : base(options)
    {
    }

    protected CoopahDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>The Data Protection key ring when the database is shared by several instances (PostgreSQL).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ClusterInstance> ClusterInstances => Set<ClusterInstance>();

    public DbSet<GarminCall> GarminCalls => Set<GarminCall>();

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
