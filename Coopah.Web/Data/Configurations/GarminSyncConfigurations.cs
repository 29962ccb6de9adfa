using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coopah.Web.Data.Configurations;

internal sealed class GarminSyncIntentConfiguration : IEntityTypeConfiguration<GarminSyncIntent>
{
    public void Configure(EntityTypeBuilder<GarminSyncIntent> builder)
    {
        builder.ToTable("GarminSyncIntents");
        builder.Property(i => i.RunnerId).HasMaxLength(450);
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(i => i.LastError).HasMaxLength(2000);
        builder.HasIndex(i => new { i.Status, i.RunnerId });
        builder.HasIndex(i => i.SessionId);
    }
}

internal sealed class GarminSessionSyncConfiguration : IEntityTypeConfiguration<GarminSessionSync>
{
    public void Configure(EntityTypeBuilder<GarminSessionSync> builder)
    {
        builder.ToTable("GarminSessionSyncs");
        builder.HasKey(s => s.SessionId);
        builder.Property(s => s.SessionId).ValueGeneratedNever();
        builder.Property(s => s.RunnerId).HasMaxLength(450);
        builder.Property(s => s.ContentHash).HasMaxLength(64);
        builder.Property(s => s.State).HasConversion<string>().HasMaxLength(10);
        builder.Property(s => s.LastError).HasMaxLength(2000);
        builder.HasIndex(s => s.RunnerId);
    }
}
