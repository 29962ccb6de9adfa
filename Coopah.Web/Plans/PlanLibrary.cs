using Coopah.Core.Plans;
using Coopah.Core.Plans.Templates;
using Coopah.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Coopah.Web.Plans;

public sealed record PlanSummary(int Id, string Key, string Name, GoalDistance Goal, int Weeks, int SessionCount, bool Archived, bool Published, DateTime UpdatedUtc);

/// <summary>A stored plan as the editor works on it: the Core template plus storage facts.</summary>
public sealed record PlanDocument(int Id, bool Archived, bool Published, PlanTemplate Template);

/// <summary>Outcome of a save: either saved, or the validation issues that stopped it (nothing was written).</summary>
public sealed record PlanSaveResult(bool Succeeded, IReadOnlyList<ValidationIssue> Issues)
{
    public static PlanSaveResult Ok { get; } = new(true, []);

    public static PlanSaveResult Fail(string message) =>
        new(false, [new ValidationIssue(ValidationCodes.Template, message, "", [])]);
}

/// <summary>Outcome of creating a plan: its id, or the field issues that stopped it.</summary>
public sealed record PlanCreateResult(int? Id, IReadOnlyList<ValidationIssue> Issues);

/// <summary>Admin operations on plan templates. One short-lived DbContext per call.</summary>
public sealed class PlanLibrary(IDbContextFactory<CoopahDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Copies the seed templates into an empty table (first start only), so admins can edit them.</summary>
    public static async Task SeedAsync(CoopahDbContext db, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        if (await db.Plans.AnyAsync(cancellationToken))
        {
            return;
        }

        var plans = PlanTemplates.All.Select(t => t.ToStored(nowUtc)).ToList();
        foreach (var plan in plans)
        {
            if (plan.Publish(nowUtc) is [var first, ..])
            {
                throw new InvalidOperationException($"Seed plan '{plan.Key}' cannot be published: {first.Message}");
            }
        }

        db.Plans.AddRange(plans);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PlanSummary>> ListAsync(string? search = null, bool includeArchived = false, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Plans.AsNoTracking();
        if (!includeArchived)
        {
            query = query.Where(p => !p.Archived);
        }

        return await SummariesAsync(query, search, cancellationToken);
    }

    /// <summary>The plans a runner may choose for a new goal: published and not archived.</summary>
    public async Task<IReadOnlyList<PlanSummary>> ListOfferedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await SummariesAsync(db.Plans.AsNoTracking().Where(p => p.Published && !p.Archived), null, cancellationToken);
    }

    private static async Task<IReadOnlyList<PlanSummary>> SummariesAsync(IQueryable<StoredPlan> query, string? search, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(search))
        {
            // Case-insensitive on both engines (SQLite's LIKE ignores ASCII case, PostgreSQL's does not): lower() both sides.
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(p => p.Name.ToLower().Contains(term) || p.Description.ToLower().Contains(term) || p.Key.ToLower().Contains(term));
        }

        var rows = await query
            .OrderBy(p => p.Archived).ThenBy(p => p.GoalMetres).ThenBy(p => p.Name)
            .Select(p => new { p.Id, p.Key, p.Name, p.GoalKind, p.GoalMetres, p.Weeks, Count = p.Sessions.Count(s => s.Week > 0), p.Archived, p.Published, p.UpdatedUtc })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new PlanSummary(r.Id, r.Key, r.Name, new GoalDistance(r.GoalKind, r.GoalMetres), r.Weeks, r.Count, r.Archived, r.Published, r.UpdatedUtc))];
    }

    public async Task<PlanDocument?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var plan = await db.Plans.AsNoTracking().Include(p => p.Sessions).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return plan is null ? null : new PlanDocument(plan.Id, plan.Archived, plan.Published, plan.ToTemplate());
    }

    /// <summary>Creates an empty draft plan, or returns the field issues (name, weeks) that stop it.</summary>
    public async Task<PlanCreateResult> CreateAsync(string name, GoalDistance goal, int weeks, CancellationToken cancellationToken = default)
    {
        var template = new PlanTemplate
        {
            Id = NewKey(),
            Name = name?.Trim() ?? "",
            Goal = goal,
            Weeks = weeks,
            MinimumWeeks = weeks,
            Sessions = [],
        };
        var issues = PlanValidator.ValidateDetails(template);
        if (issues.Count > 0)
        {
            return new PlanCreateResult(null, issues);
        }

        var plan = template.ToStored(time.GetUtcNow().UtcDateTime);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Plans.Add(plan);
        await db.SaveChangesAsync(cancellationToken);
        return new PlanCreateResult(plan.Id, []);
    }

    /// <summary>Copies a plan (sessions included) under a new key and a "Copy of" name, as a draft.</summary>
    public async Task<int?> DuplicateAsync(int id, CancellationToken cancellationToken = default)
    {
        var source = await GetAsync(id, cancellationToken);
        if (source is null)
        {
            return null;
        }

        var copy = (source.Template with { Id = NewKey(), Name = CopyName(source.Template.Name) }).ToStored(time.GetUtcNow().UtcDateTime);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Plans.Add(copy);
        await db.SaveChangesAsync(cancellationToken);
        return copy.Id;
    }

    public async Task<bool> SetArchivedAsync(int id, bool archived, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null)
        {
            return false;
        }

        plan.Archived = archived;
        plan.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Publishes the plan when <see cref="PlanValidator.ValidatePublishable"/> finds nothing, or takes it back to draft.</summary>
    public async Task<PlanSaveResult> SetPublishedAsync(int id, bool published, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var plan = await db.Plans.Include(p => p.Sessions).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null)
        {
            return PlanSaveResult.Fail("The plan no longer exists.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        IReadOnlyList<ValidationIssue> issues = [];
        if (published)
        {
            issues = plan.Publish(now);
        }
        else
        {
            plan.Unpublish(now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new PlanSaveResult(issues.Count == 0, issues);
    }

    /// <summary>
    /// Replaces the plan's details and sessions with <paramref name="template"/> when <see cref="PlanValidator"/> finds
    /// no issue; otherwise writes nothing and returns the issues. The stored key never changes.
    /// </summary>
    public async Task<PlanSaveResult> SaveAsync(int id, PlanTemplate template, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(template);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var plan = await db.Plans.Include(p => p.Sessions).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null)
        {
            return PlanSaveResult.Fail("The plan no longer exists.");
        }

        template = template with { Id = plan.Key };

        // A published plan stays complete: runners may be given it at any moment.
        var issues = plan.Published ? PlanValidator.ValidatePublishable(template) : PlanValidator.ValidateTemplate(template);
        if (issues.Count > 0)
        {
            return new PlanSaveResult(false, issues);
        }

        plan.Name = template.Name.Trim();
        plan.Description = template.Description.Trim();
        plan.GoalKind = template.Goal.Kind;
        plan.GoalMetres = template.Goal.Metres;
        plan.Weeks = template.Weeks;
        plan.MinimumWeeks = template.MinimumWeeks;
        plan.UpdatedUtc = time.GetUtcNow().UtcDateTime;

        // Update rows in place by (week, order) so the unique index never sees a transient duplicate.
        var wanted = template.Sessions.Concat(template.BaseWeek).ToDictionary(s => (s.Week, s.Order));
        foreach (var row in plan.Sessions.ToList())
        {
            if (wanted.Remove((row.Week, row.Order), out var session))
            {
                row.Name = session.Name.Trim();
                row.Kind = session.Kind;
                row.Steps = session.Steps;
            }
            else
            {
                db.PlanSessions.Remove(row);
            }
        }

        plan.Sessions.AddRange(wanted.Values.Select(s => new StoredPlanSession { Week = s.Week, Order = s.Order, Name = s.Name.Trim(), Kind = s.Kind, Steps = s.Steps }));
        await db.SaveChangesAsync(cancellationToken);
        return PlanSaveResult.Ok;
    }

    /// <summary>"Copy of" + name, shortened so the copy still fits the name limit.</summary>
    private static string CopyName(string name)
    {
        var copy = "Copy of " + name;
        return copy.Length <= PlanValidator.MaxNameLength ? copy : copy[..PlanValidator.MaxNameLength].TrimEnd();
    }

    private static string NewKey() => "plan-" + Guid.NewGuid().ToString("N")[..10];
}
