using Coopah.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coopah.Web.Matching;

internal sealed class MatchedRunConfiguration : IEntityTypeConfiguration<MatchedRun>
{
    public void Configure(EntityTypeBuilder<MatchedRun> builder)
    {
        builder.ToTable("Runs");
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.RunnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<RunnerSession>().WithMany().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(r => new { r.RunnerId, r.ActivityKey }).IsUnique();
        builder.HasIndex(r => new { r.RunnerId, r.LocalDate });
        // One run per session; the database enforces it even if two jobs race.
        builder.HasIndex(r => r.SessionId).IsUnique().HasFilter("\"SessionId\" IS NOT NULL");
        // The review queue: unreviewed first, newest first, per runner.
        builder.HasIndex(r => new { r.RunnerId, r.ReviewedAtUtc, r.StartTimeUtc });
        // Covers the per-runner counts and the last run (the navigation badge on every page, the athletes table):
        // the JSON columns make a run row several pages long, so reading IsRunning from each row cost a page per run.
        builder.HasIndex(r => new { r.RunnerId, r.IsRunning, r.ReviewedAtUtc, r.LocalDate });
        builder.Property(r => r.ActivityKey).HasMaxLength(64);
        builder.Property(r => r.ActivityType).HasMaxLength(64);
        builder.Property(r => r.Name).HasMaxLength(256);
        builder.Property(r => r.Method).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.IntervalSource).HasConversion<string>().HasMaxLength(24);
        builder.Property(r => r.Colour).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.Notes).HasMaxLength(2000);
        builder.Ignore(r => r.LocalStart);
    }
}

internal sealed class RunCommentConfiguration : IEntityTypeConfiguration<RunComment>
{
    public void Configure(EntityTypeBuilder<RunComment> builder)
    {
        builder.ToTable("RunComments");
        builder.HasOne<MatchedRun>().WithMany().HasForeignKey(c => c.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.RunId, c.CreatedAtUtc });
        builder.Property(c => c.Body).HasMaxLength(RunComment.MaxLength);
    }
}
