using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coopah.Web.Data.Configurations;

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(100);
        builder.Ignore(u => u.Name);
        builder.HasOne(u => u.Coach)
            .WithMany()
            .HasForeignKey(u => u.CoachId)
            .OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(u => u.CoachId);
    }
}
