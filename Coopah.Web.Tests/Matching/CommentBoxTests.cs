using Bunit;
using Coopah.Web.Components.Runs;
using Coopah.Web.Matching;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Matching;

/// <summary>The comment box rendered with bUnit against the real services of a test host.</summary>
public sealed class CommentBoxTests(MatchingFactory factory) : IClassFixture<MatchingFactory>, IAsyncLifetime
{
    private readonly MudBunitContext _context = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task Send_StoresTheComment_ClearsTheBox_AndTellsThePage()
    {
        var (runnerId, garminUserId, _) = await factory.LinkedRunnerAsync("comment-box");
        await factory.PushSummaryAsync(garminUserId, 7_500_001, new DateTime(2026, 10, 21, 6, 0, 0, DateTimeKind.Utc), 0, 1800);
        var run = Assert.Single(await factory.SettledRunsAsync(runnerId, runs => runs.Count == 1));
        _context.Services.AddSingleton(factory.Services.GetRequiredService<RunDetails>());
        var auth = _context.AddAuthorization();
        auth.SetAuthorized("comment-box@match.test");
        auth.SetRoles(Coopah.Web.Authorization.Roles.Runner);
        auth.SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, runnerId));
        var changed = 0;

        var box = _context.Render<CommentThread>(p => p
            .Add(c => c.RunId, run.Id)
            .Add(c => c.Comments, [])
            .Add(c => c.IsRunner, true)
            .Add(c => c.Changed, () => changed++));
        Assert.True(box.Find("[data-testid=comment-send] button, button[data-testid=comment-send]").HasAttribute("disabled"));
        box.Find("textarea").Input("Felt strong today");
        await box.Find("button[data-testid=comment-send], [data-testid=comment-send] button").ClickAsync(new());

        Assert.Equal(1, changed);
        Assert.Equal("Felt strong today", await factory.QueryAsync(db => db.RunComments().Where(c => c.RunId == run.Id).Select(c => c.Body).SingleAsync()));
        await box.WaitForAssertionAsync(() => Assert.Equal("", box.Find("textarea").GetAttribute("value") ?? ""));
    }
}
