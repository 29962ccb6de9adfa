using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coopah.Web.Data.Configurations;

internal sealed class GarminInboxMessageConfiguration : IEntityTypeConfiguration<GarminInboxMessage>
{
    public void Configure(EntityTypeBuilder<GarminInboxMessage> builder)
    {
        builder.ToTable("GarminInbox");

        // The raw body never changes, while claims and status updates rewrite the row: a body in its own table
        // is written once instead of with every update (a one-hour activityDetails body is over a megabyte).
        builder.SplitToTable("GarminInboxBodies", table => table.Property(m => m.Body));

        // Ids only ever grow (never reused after a delete): "latest delivery wins" compares them.
        builder.Property(m => m.Id).UseAutoincrement();
        builder.Property(m => m.Type).HasMaxLength(40);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(12);
        builder.Property(m => m.SourceAddress).HasMaxLength(64);
        builder.Property(m => m.LeaseOwner).HasMaxLength(64);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        builder.Property(m => m.Warnings).HasMaxLength(2000);
        builder.HasIndex(m => m.Status);
        builder.HasIndex(m => m.ReceivedAtUtc);
    }
}

internal sealed class GarminActivityConfiguration : IEntityTypeConfiguration<GarminActivity>
{
    public void Configure(EntityTypeBuilder<GarminActivity> builder)
    {
        builder.ToTable("GarminActivities");
        builder.Property(a => a.SummaryType).HasMaxLength(40);
        builder.Property(a => a.SummaryId).HasMaxLength(100);
        builder.Property(a => a.GarminUserId).HasMaxLength(100);
        builder.Property(a => a.ActivityId).HasMaxLength(40);
        builder.Property(a => a.ActivityType).HasMaxLength(60);
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.DeviceName).HasMaxLength(100);
        builder.Ignore(a => a.AveragePaceSecondsPerKm);

        // Deliveries are written by GarminActivityUpsert, which keeps the latest in one statement; any code that
        // updates an activity through EF (matching) fails instead of silently overwriting a newer delivery.
        builder.Property(a => a.SourceInboxId).IsConcurrencyToken();
        builder.HasIndex(a => new { a.SummaryType, a.SummaryId }).IsUnique();
        builder.HasIndex(a => new { a.UserId, a.LocalDate });
        builder.HasOne(a => a.User).WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GarminFileConfiguration : IEntityTypeConfiguration<GarminFile>
{
    public void Configure(EntityTypeBuilder<GarminFile> builder)
    {
        builder.ToTable("GarminFiles");
        builder.Property(f => f.SummaryId).HasMaxLength(100);
        builder.Property(f => f.GarminUserId).HasMaxLength(100);
        builder.Property(f => f.ActivityId).HasMaxLength(40);
        builder.Property(f => f.FileType).HasMaxLength(8);
        builder.HasIndex(f => f.SummaryId).IsUnique();
        builder.HasIndex(f => f.UserId);
    }
}

internal sealed class GarminParkedItemConfiguration : IEntityTypeConfiguration<GarminParkedItem>
{
    public void Configure(EntityTypeBuilder<GarminParkedItem> builder)
    {
        builder.ToTable("GarminParkedItems");
        builder.Property(p => p.ListKey).HasMaxLength(40);
        builder.Property(p => p.GarminUserId).HasMaxLength(100);
        builder.Property(p => p.SummaryId).HasMaxLength(100);
        builder.Property(p => p.Reason).HasMaxLength(GarminParkedItem.MaxReasonLength);
        builder.HasOne<GarminInboxMessage>().WithMany().HasForeignKey(p => p.InboxId).OnDelete(DeleteBehavior.Cascade);
        // Not unique per (row, list, index): items of bodies fetched for a ping are numbered within those bodies.
        // Reprocessing a row replaces its parked items instead.
        builder.HasIndex(p => p.InboxId);
        builder.HasIndex(p => p.ParkedAtUtc);
    }
}
