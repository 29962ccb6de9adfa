using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coopah.Web.Data.Configurations;

internal sealed class GarminLinkConfiguration : IEntityTypeConfiguration<GarminLink>
{
    public void Configure(EntityTypeBuilder<GarminLink> builder)
    {
        builder.ToTable("GarminLinks");
        builder.Property(l => l.GarminUserId).HasMaxLength(100);
        builder.Property(l => l.Mode).HasConversion<string>().HasMaxLength(10);
        builder.Property(l => l.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(l => l.Permissions).HasMaxLength(500);
        builder.Property(l => l.StatusReason).HasMaxLength(1000);
        builder.Property(l => l.MigrationNote).HasMaxLength(1000);
        builder.Ignore(l => l.PermissionList);

        // One Coopah runner per Garmin account and one Garmin account per runner.
        builder.HasIndex(l => l.GarminUserId).IsUnique();
        builder.HasIndex(l => l.UserId).IsUnique();
        builder.HasOne(l => l.User).WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
