using System.Collections.Concurrent;
using System.Net;
using Coopah.Core.Garmin;
using Coopah.Web.Data;
using Coopah.Web.Garmin;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Garmin.Inbox;

/// <summary>
/// The host with Garmin's API faked and three linked runners: Cara, Dan (active) and Eve (revoked). Garmin's
/// user/id answers 401 to every token not given an answer with <see cref="AnswerUserId(string, string)"/>, as
/// Garmin does once a grant is deregistered.
/// </summary>
public sealed class WebhookFactory : CoopahWebApplicationFactory
{
    public const string CaraGarminId = "garmin-user-cara";
    public const string DanGarminId = "garmin-user-dan";
    public const string EveGarminId = "garmin-user-eve-revoked";
    public const string UserIdUrl = "https://apis.garmin.com/wellness-api/rest/user/id";

    private readonly ConcurrentDictionary<string, Func<HttpResponseMessage>> _userIdAnswers = new(StringComparer.Ordinal);

    public WebhookFactory() => Garmin.Respond(UserIdUrl, request =>
        request.Headers.Authorization is { Scheme: "Bearer", Parameter: { } token } && _userIdAnswers.TryGetValue(token, out var answer)
            ? answer()
            : new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent("""{"errorMessage":"Invalid or revoked access token."}""") });

    public FakeGarminHandler Garmin { get; } = new();

    public static string Url(string type) => $"/webhooks/garmin/{WebhookSecret}/{type}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Garmin:ClientId", "coopah-test-client");
        builder.UseSetting("Garmin:ClientSecret", "coopah-test-client-secret");
        builder.UseSetting("GarminWebhooks:PermitsPerMinutePerSource", "100000");
        builder.UseSetting("GarminWebhooks:MaxProcessingAttempts", "2");
        builder.UseSetting("GarminWebhooks:RetryBaseDelay", "00:00:01");
    }

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddHttpClient(GarminHttpTransport.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Garmin);

    public async Task EnsureLinksAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoopahDbContext>();
        if (await db.GarminLinks.AnyAsync())
        {
            return;
        }

        async Task Link(string email, string garminId, GarminLinkStatus status)
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            db.GarminLinks.Add(new GarminLink
            {
                UserId = user.Id,
                GarminUserId = garminId,
                Status = status,
                Permissions = "ACTIVITY_EXPORT WORKOUT_IMPORT",
                ProtectedAccessToken = "protected-token",
                LinkedAtUtc = DateTime.UtcNow,
            });
        }

        await Link(DemoLogins.RunnerCara, CaraGarminId, GarminLinkStatus.Active);
        await Link("dan@coopah.local", DanGarminId, GarminLinkStatus.Active);
        await Link(DemoLogins.RunnerEve, EveGarminId, GarminLinkStatus.Revoked);
        await db.SaveChangesAsync();
    }

    /// <summary>What Garmin's user/id answers for the OAuth 2.0 <paramref name="accessToken"/>.</summary>
    public void AnswerUserId(string accessToken, Func<HttpResponseMessage> answer) => _userIdAnswers[accessToken] = answer;

    /// <summary>Garmin's user/id answering <paramref name="garminUserId"/> for <paramref name="accessToken"/>: the grant is current.</summary>
    public void AnswerUserId(string accessToken, string garminUserId) =>
        AnswerUserId(accessToken, () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent($$"""{"userId":"{{garminUserId}}"}""") });

    /// <summary>
    /// A new runner with an active OAuth 2.0 link whose tokens are stored as the app stores them (encrypted, access
    /// token valid for an hour, so no refresh), for tests that make the app call Garmin as that runner.
    /// </summary>
    public async Task<string> AddOAuth2LinkAsync(string email, string garminUserId, string accessToken)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        if (!(await users.CreateAsync(user)).Succeeded)
        {
            throw new InvalidOperationException($"Could not create {email}.");
        }

        var protector = scope.ServiceProvider.GetRequiredService<GarminTokenProtector>();
        var db = scope.ServiceProvider.GetRequiredService<CoopahDbContext>();
        db.GarminLinks.Add(new GarminLink
        {
            UserId = user.Id,
            GarminUserId = garminUserId,
            Status = GarminLinkStatus.Active,
            Mode = GarminAuthMode.OAuth2,
            Permissions = "ACTIVITY_EXPORT WORKOUT_IMPORT",
            ProtectedAccessToken = protector.Protect(accessToken),
            ProtectedRefreshToken = protector.Protect(accessToken + "-refresh"),
            AccessTokenExpiresAtUtc = DateTime.UtcNow.AddHours(1),
            LinkedAtUtc = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
        return user.Id;
    }

    /// <summary>Waits for the Hangfire server to finish the inbox row (not a timing assertion: it fails only on a stall).</summary>
    /// <summary>Waits (bounded) until every stored delivery has been matched into a run.</summary>
    public Task WaitForMatchingAsync() =>
        Poll.UntilAsync(
            async () =>
            {
                await using var scope = Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CoopahDbContext>();
                return !await db.GarminActivities.AnyAsync(a => a.NeedsMatching) && !await db.GarminFiles.AnyAsync(f => f.NeedsMatching);
            },
            matched => matched,
            _ => Task.FromResult("The deliveries were not matched." + HangfireState()));

    public async Task<GarminInboxMessage> WaitForInboxAsync(Func<GarminInboxMessage, bool> done, long? id = null) =>
        (await Poll.UntilAsync(
            async () =>
            {
                await using var scope = Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CoopahDbContext>();
                return id is null
                    ? await db.GarminInbox.AsNoTracking().OrderByDescending(m => m.Id).FirstOrDefaultAsync()
                    : await db.GarminInbox.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id);
            },
            message => message is not null && done(message),
            _ => Task.FromResult("The inbox row was not processed." + HangfireState())))!;


    /// <summary>What Hangfire holds, for the message of a stalled wait.</summary>
    public string HangfireState()
    {
        var monitor = Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        var stats = monitor.GetStatistics();
        var processing = monitor.ProcessingJobs(0, 5).Select(p => $"{p.Value.Job?.Type.Name}.{p.Value.Job?.Method.Name}");
        var failed = monitor.FailedJobs(0, 3).Select(f => f.Value.ExceptionMessage);
        return $" Hangfire: servers={stats.Servers} enqueued={stats.Enqueued} processing={stats.Processing} ({string.Join(", ", processing)}) succeeded={stats.Succeeded} failed={stats.Failed} ({string.Join(" / ", failed)}) scheduled={stats.Scheduled}";
    }
}
