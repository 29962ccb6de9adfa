using Microsoft.EntityFrameworkCore;

namespace Coopah.Web.Data;

/// <summary>A session change seen in the change tracker before it is saved (an added session has no id yet).</summary>
public sealed record SessionChange(RunnerSession Session, GarminSyncIntentKind Kind);

/// <summary>Writes sync intents into the caller's unit of work, so they commit (or roll back) with the change.</summary>
public static class GarminSyncOutbox
{
    /// <summary>The tracked session changes that may affect the watch; call before SaveChanges.</summary>
    public static IReadOnlyList<SessionChange> Capture(CoopahDbContext db)
    {
        var changes = new List<SessionChange>();
        foreach (var entry in db.ChangeTracker.Entries<RunnerSession>())
        {
            var kind = entry.State switch
            {
                EntityState.Added => GarminSyncIntentKind.Create,
                EntityState.Deleted => GarminSyncIntentKind.Delete,
                EntityState.Modified when entry.Entity.Deleted => GarminSyncIntentKind.Delete,
                EntityState.Modified when entry.Entity.Skipped => GarminSyncIntentKind.Unschedule,
                EntityState.Modified when entry.Property(s => s.Date).IsModified
                    && entry.Property(s => s.Date).OriginalValue != entry.Entity.Date => GarminSyncIntentKind.Move,
                EntityState.Modified => GarminSyncIntentKind.Update,
                _ => (GarminSyncIntentKind?)null,
            };
            if (kind is { } k)
            {
                changes.Add(new SessionChange(entry.Entity, k));
            }
        }

        return changes;
    }

    /// <summary>Adds one intent per captured change (ids are known once the first SaveChanges ran).</summary>
    public static void AddIntents(CoopahDbContext db, IEnumerable<SessionChange> changes, DateTime now)
    {
        foreach (var change in changes)
        {
            db.GarminSyncIntents.Add(new GarminSyncIntent
            {
                SessionId = change.Session.Id,
                RunnerId = change.Session.RunnerId,
                Kind = change.Kind,
                TargetDate = change.Session.Date,
                Status = GarminSyncIntentStatus.Pending,
                CreatedUtc = now,
                UpdatedUtc = now,
            });
        }
    }

    /// <summary>A runner-wide intent (link made or removed, permissions changed, horizon advanced).</summary>
    public static void AddRunnerIntent(CoopahDbContext db, string runnerId, GarminSyncIntentKind kind, DateTime now) =>
        db.GarminSyncIntents.Add(new GarminSyncIntent
        {
            RunnerId = runnerId,
            Kind = kind,
            Status = GarminSyncIntentStatus.Pending,
            CreatedUtc = now,
            UpdatedUtc = now,
        });
}
