using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coopah.Web.Data.Configurations;

internal sealed class ClusterInstanceConfiguration : IEntityTypeConfiguration<ClusterInstance>
{
    public void Configure(EntityTypeBuilder<ClusterInstance> builder)
    {
        builder.ToTable("ClusterInstances");
        builder.Property(i => i.Id).HasMaxLength(64);
        builder.Property(i => i.HostName).HasMaxLength(128);
    }
}

internal sealed class GarminCallConfiguration : IEntityTypeConfiguration<GarminCall>
{
    public void Configure(EntityTypeBuilder<GarminCall> builder)
    {
        builder.ToTable("GarminCalls");
        builder.HasIndex(c => c.AtUtc);
    }
}
