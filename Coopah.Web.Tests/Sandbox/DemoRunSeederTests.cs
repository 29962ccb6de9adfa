using Coopah.Core.Fit;
using Coopah.Core.Garmin;
using Coopah.Core.Matching;
using Coopah.Web.Data;
using Coopah.Web.Sandbox;
using Coopah.Web.Tests.Matching;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Sandbox;

/// <summary>The demo story for one runner over a short stretch: delivered through the webhooks, ingested and matched.</summary>
public sealed class DemoRunSeederTests(DemoRunSeederTests.DemoStoryFactory factory) : IClassFixture<DemoRunSeederTests.DemoStoryFactory>
{
    private const string Cara = "cara@coopah.local";

    [Fact]
    public async Task FirstStart_DeliversThePastWeeksThroughTheInbox_AndMatchesThem()
    {
        var summary = await factory.Services.GetRequiredService<DemoRunSeeder>().Completion.WaitAsync(TimeSpan.FromSeconds(120));
        Assert.True(summary.Runners == 1, string.Join("; ", summary.LeftOut));
        Assert.Equal(0, summary.Failed);
        Assert.Equal(1, summary.Missed);

        var runnerId = await factory.QueryAsync(db => db.Users.Where(u => u.Email == Cara).Select(u => u.Id).SingleAsync());
        var runs = await factory.SettledRunsAsync(runnerId, r => r.Count == summary.Runs);

        // A real link, made by the link service: encrypted OAuth 2.0 tokens.
        var link = await factory.QueryAsync(db => db.GarminLinks.AsNoTracking().SingleAsync(l => l.UserId == runnerId));
        Assert.Equal(GarminLinkStatus.Active, link.Status);
        Assert.Equal(GarminAuthMode.OAuth2, link.Mode);
        Assert.NotNull(link.ProtectedRefreshToken);
        Assert.Equal(SandboxAccounts.GarminUserIdFor(Cara), link.GarminUserId);

        // Every run came through the inbox: summary, details and file per run, all processed.
        var inbox = await factory.QueryAsync(db => db.GarminInbox.AsNoTracking().Select(m => new { m.Type, m.Status }).ToListAsync());
        Assert.Equal(summary.Runs, inbox.Count(m => m.Type == "activities"));
        Assert.Equal(summary.Runs, inbox.Count(m => m.Type == "activityFiles"));
        Assert.All(inbox, m => Assert.Equal(InboxStatus.Processed, m.Status));
        Assert.All(runs, r => Assert.True(r.HasDetails && r.HasFitFile, r.Name));

        // Matched, with mixed colours.
        var matched = runs.Where(r => r.SessionId is not null).ToList();
        Assert.Equal(summary.Runs - 2, matched.Count);
        Assert.All(matched, r => Assert.NotNull(r.Colour));
        Assert.True(matched.Select(r => r.Colour).Distinct().Count() >= 2, string.Join(", ", matched.Select(r => $"{r.Name}: {r.Colour} {r.CompletionPercent}%")));

        // The unplanned run: on a day without sessions, kept unplanned.
        var today = await factory.Calendar.TodayAsync(runnerId);
        var sessions = await factory.QueryAsync(db => db.RunnerSessions.AsNoTracking().Where(s => s.RunnerId == runnerId && !s.Deleted && s.Date < today).ToListAsync());
        var unplanned = Assert.Single(runs, r => r.Name == "Lunch Run");
        Assert.Null(unplanned.SessionId);
        Assert.Equal(MatchMethod.Unplanned, unplanned.Method);
        Assert.DoesNotContain(sessions, s => s.Date == unplanned.LocalDate);

        // The double day: two runs on one date, the session's own run matched by its code, the extra jog unplanned.
        var doubleDay = Assert.Single(runs.GroupBy(r => r.LocalDate), g => g.Count() == 2);
        Assert.Single(doubleDay, r => r.Method == MatchMethod.SessionCode);
        Assert.Single(doubleDay, r => r.SessionId is null && r.Name == "Evening Run");

        // The missed session: a past session without a run.
        var missed = Assert.Single(sessions, s => !matched.Any(r => r.SessionId == s.Id));
        Assert.True(missed.Date < today);

        // The auto-lap run: no session code, matched on its day; its FIT file has 1 km laps without step indexes.
        var autoLap = Assert.Single(runs, r => r.Name == "Morning Run");
        Assert.Equal(MatchMethod.SameDay, autoLap.Method);
        var file = await factory.QueryAsync(db => db.GarminFiles.AsNoTracking().SingleAsync(f => f.ActivityId == autoLap.ActivityKey));
        var fit = FitActivity.Decode(file.Content);
        Assert.True(fit.Laps.Count >= 3);
        Assert.All(fit.Laps, lap => Assert.Null(lap.WktStepIndex));
        Assert.All(fit.Laps.SkipLast(1), lap => Assert.Equal(1000, lap.TotalDistance!.Value, 1));
        Assert.Null(fit.Workout);
    }

    public class DemoStoryFactory : MatchingFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("GarminSandbox:SeedDemoRuns", "true");
            builder.UseSetting("GarminSandbox:DemoRunWeeks", "2");
            builder.UseSetting("GarminSandbox:DemoRunners:0", Cara);
        }
    }
}

/// <summary>With Garmin:Mode OAuth1 the story links through the OAuth 1.0a flow instead.</summary>
public sealed class DemoRunSeederOAuth1Tests(DemoRunSeederOAuth1Tests.OAuth1Factory factory) : IClassFixture<DemoRunSeederOAuth1Tests.OAuth1Factory>
{
    [Fact]
    public async Task FirstStart_OAuth1Mode_LinksWithOAuth1Tokens_AndDeliversTheRuns()
    {
        var summary = await factory.Services.GetRequiredService<DemoRunSeeder>().Completion.WaitAsync(TimeSpan.FromSeconds(120));
        Assert.True(summary.Runners == 1, string.Join("; ", summary.LeftOut));
        Assert.Equal(0, summary.Failed);

        var runnerId = await factory.QueryAsync(db => db.Users.Where(u => u.Email == "cara@coopah.local").Select(u => u.Id).SingleAsync());
        var link = await factory.QueryAsync(db => db.GarminLinks.AsNoTracking().SingleAsync(l => l.UserId == runnerId));
        Assert.Equal(GarminAuthMode.OAuth1, link.Mode);
        Assert.NotNull(link.ProtectedTokenSecret);
        var runs = await factory.SettledRunsAsync(runnerId, r => r.Count == summary.Runs);
        Assert.Equal(summary.Runs - 2, runs.Count(r => r.SessionId is not null));
    }

    public sealed class OAuth1Factory : DemoRunSeederTests.DemoStoryFactory
    {
        protected override string Mode => "OAuth1";
    }
}
