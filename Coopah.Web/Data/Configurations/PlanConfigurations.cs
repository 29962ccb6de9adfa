using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coopah.Web.Data.Configurations;

internal sealed class StoredPlanConfiguration : IEntityTypeConfiguration<StoredPlan>
{
    public void Configure(EntityTypeBuilder<StoredPlan> builder)
    {
        builder.ToTable("PlanTemplates");
        builder.Property(p => p.Key).HasMaxLength(80);
        builder.HasIndex(p => p.Key).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(120);
        builder.Property(p => p.Description).HasMaxLength(2000);
        builder.Property(p => p.GoalKind).HasConversion<string>().HasMaxLength(20);
        builder.HasMany(p => p.Sessions).WithOne().HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StoredPlanSessionConfiguration : IEntityTypeConfiguration<StoredPlanSession>
{
    public void Configure(EntityTypeBuilder<StoredPlanSession> builder)
    {
        builder.ToTable("PlanTemplateSessions");
        builder.Property(s => s.Name).HasMaxLength(120);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Steps).HasConversion(StepsJson.Converter, StepsJson.Comparer);
        builder.HasIndex(s => new { s.PlanId, s.Week, s.Order }).IsUnique();
    }
}

internal sealed class RunnerGoalConfiguration : IEntityTypeConfiguration<RunnerGoal>
{
    public void Configure(EntityTypeBuilder<RunnerGoal> builder)
    {
        builder.ToTable("RunnerGoals");
        builder.HasIndex(g => g.RunnerId).IsUnique();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(g => g.RunnerId).OnDelete(DeleteBehavior.Cascade);
        // A plan with runners on it is archived, never deleted.
        builder.HasOne(g => g.Plan).WithMany().HasForeignKey(g => g.PlanId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(g => g.GoalKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(g => g.PaceSource).HasConversion<string>().HasMaxLength(20);
        builder.Property(g => g.TimeZoneId).HasMaxLength(100);
    }
}

internal sealed class RunnerSessionConfiguration : IEntityTypeConfiguration<RunnerSession>
{
    public void Configure(EntityTypeBuilder<RunnerSession> builder)
    {
        builder.ToTable("RunnerSessions");
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.RunnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.RunnerId, s.Date });
        builder.Property(s => s.Name).HasMaxLength(120);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.SourcePlanKey).HasMaxLength(80);
        builder.Property(s => s.Steps).HasConversion(StepsJson.Converter, StepsJson.Comparer);
    }
}
