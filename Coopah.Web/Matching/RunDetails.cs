using System.Security.Claims;
using Coopah.Core.Matching;
using Coopah.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Coopah.Web.Matching;

/// <summary>A comment as shown: author name, whether the coach side wrote it (not the runner), newest last.</summary>
public sealed record RunCommentView(long Id, string AuthorId, string AuthorName, bool ByCoach, string Body, DateTime CreatedAtUtc);

/// <summary>A session the run could be paired with instead (rematch dialog).</summary>
public sealed record SessionChoice(int Id, DateOnly Date, string Name, bool HasOtherRun);

/// <summary>Everything the run page shows.</summary>
public sealed record RunPageView(
    MatchedRun Run,
    string RunnerName,
    bool ViewerIsRunner,
    bool ViewerMayReview,
    RunnerSession? Session,
    IReadOnlyList<RunIntervalRow> Intervals,
    IReadOnlyList<LapSplit> Splits,
    RunTrace Trace,
    IReadOnlyList<RunCommentView> Comments)
{
    public string Name => RunNames.Display(Run.Name);

    public RunState State => RunStates.Of(Run.SessionId, Run.Colour, Run.IsRunning);
}

public enum CommentResult
{
    Added,
    NotFound,
    Empty,
    TooLong,
}

/// <summary>The run page's reads and the comment box; every call checks that the viewer may see the run.</summary>
public sealed class RunDetails(IDbContextFactory<CoopahDbContext> dbFactory, TimeProvider time)
{
    /// <summary>The run page, or null when the viewer may not see the run (the page answers 404 either way).</summary>
    public async Task<RunPageView?> GetAsync(ClaimsPrincipal viewer, long runId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.RunsVisibleTo(viewer).AsNoTracking().Where(r => r.Id == runId)
            .Join(db.Users, r => r.RunnerId, u => u.Id, (r, u) => new { Run = r, Runner = u.DisplayName ?? u.Email ?? u.Id, u.CoachId })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var run = found.Run;
        var session = run.SessionId is { } id ? await db.RunnerSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken) : null;
        var comments = await CommentsAsync(db, runId, run.RunnerId, cancellationToken);
        var viewerId = viewer.FindFirstValue(ClaimTypes.NameIdentifier);
        return new RunPageView(
            run, found.Runner, viewerId == run.RunnerId, RunAccess.MayReview(viewer, run.RunnerId, found.CoachId), session,
            RunJson.Intervals(run), RunJson.Splits(run), RunJson.Trace(run), comments);
    }

    /// <summary>The run matched to a session, for the runner's session page (null when none, or not the viewer's to see).</summary>
    public async Task<RunPageView?> ForSessionAsync(ClaimsPrincipal viewer, int sessionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var runId = await db.RunsVisibleTo(viewer).Where(r => r.SessionId == sessionId).Select(r => (long?)r.Id).FirstOrDefaultAsync(cancellationToken);
        return runId is { } id ? await GetAsync(viewer, id, cancellationToken) : null;
    }

    /// <summary>The runner's sessions within three days of the run, for rematching.</summary>
    public async Task<IReadOnlyList<SessionChoice>> ChoicesAsync(ClaimsPrincipal viewer, long runId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.RunsVisibleTo(viewer).AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null)
        {
            return [];
        }

        var from = run.LocalDate.AddDays(-3);
        var to = run.LocalDate.AddDays(3);
        return await db.RunnerSessions.AsNoTracking()
            .Where(s => s.RunnerId == run.RunnerId && !s.Deleted && s.Date >= from && s.Date <= to)
            .OrderBy(s => s.Date).ThenBy(s => s.Id)
            .Select(s => new SessionChoice(s.Id, s.Date, s.Name, db.Runs().Any(r => r.SessionId == s.Id && r.Id != runId)))
            .ToListAsync(cancellationToken);
    }

    public async Task<CommentResult> AddCommentAsync(ClaimsPrincipal viewer, long runId, string? body, CancellationToken cancellationToken = default)
    {
        var text = body?.Trim() ?? "";
        if (text.Length == 0)
        {
            return CommentResult.Empty;
        }

        if (text.Length > RunComment.MaxLength)
        {
            return CommentResult.TooLong;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.RunsVisibleTo(viewer).AnyAsync(r => r.Id == runId, cancellationToken))
        {
            return CommentResult.NotFound;
        }

        db.RunComments().Add(new RunComment
        {
            RunId = runId,
            AuthorId = viewer.FindFirstValue(ClaimTypes.NameIdentifier)!,
            Body = text,
            CreatedAtUtc = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return CommentResult.Added;
    }

    private static async Task<IReadOnlyList<RunCommentView>> CommentsAsync(CoopahDbContext db, long runId, string runnerId, CancellationToken cancellationToken) =>
        await db.RunComments().AsNoTracking().Where(c => c.RunId == runId)
            .OrderBy(c => c.CreatedAtUtc).ThenBy(c => c.Id)
            .Join(db.Users, c => c.AuthorId, u => u.Id, (c, u) => new RunCommentView(
                c.Id, c.AuthorId, u.DisplayName ?? u.Email ?? u.Id, c.AuthorId != runnerId, c.Body, c.CreatedAtUtc))
            .ToListAsync(cancellationToken);
}
