using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coopah.Web.Data.Configurations;

internal sealed class GarminPendingAuthorizationConfiguration : IEntityTypeConfiguration<GarminPendingAuthorization>
{
    public void Configure(EntityTypeBuilder<GarminPendingAuthorization> builder)
    {
        builder.ToTable("GarminPendingAuthorizations");
        builder.Property(p => p.Mode).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.Key).HasMaxLength(200);
        builder.Property(p => p.CallbackUri).HasMaxLength(2000);

        // The callback looks the row up by what Garmin echoes back; the key is random, so unique.
        builder.HasIndex(p => p.Key).IsUnique();
        builder.HasIndex(p => p.UserId);
        builder.HasOne(p => p.User).WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
