using Coopah.Core.Garmin;
using Coopah.Web.Data;
using Microsoft.EntityFrameworkCore;
using LinkMode = Coopah.Core.Garmin.GarminAuthMode;

namespace Coopah.Web.Garmin.Link;

/// <summary>What the OAuth1 to OAuth2 exchange did for one runner.</summary>
public sealed record GarminMigrationOutcome(string UserId, string GarminUserId, bool Migrated, string Note);

/// <summary>
/// Garmin retires OAuth 1.0a on 2026-12-31: exchanges every active OAuth1 link's token for OAuth 2.0 tokens
/// (token-exchange, signed with the runner's OAuth1 token) and records per link what happened. Safe to rerun:
/// migrated links are OAuth2 and are skipped; failed ones are tried again.
/// </summary>
public sealed partial class GarminOAuth1MigrationJob(
    IDbContextFactory<CoopahDbContext> dbFactory,
    GarminOAuthClient oauth,
    GarminTokenProtector protector,
    TimeProvider time,
    ILogger<GarminOAuth1MigrationJob> logger)
{
    public const string RecurringJobId = "garmin-oauth1-migration";

    public async Task<IReadOnlyList<GarminMigrationOutcome>> RunAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var links = await db.GarminLinks
            .Where(l => l.Mode == LinkMode.OAuth1 && l.Status == GarminLinkStatus.Active && l.ProtectedAccessToken != null)
            .OrderBy(l => l.Id)
            .ToListAsync(cancellationToken);

        var outcomes = new List<GarminMigrationOutcome>();
        foreach (var link in links)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var migrated = false;
            string note;
            try
            {
                var credentials = new GarminOAuth1Credentials(
                    protector.Unprotect(link.ProtectedAccessToken!), protector.Unprotect(link.ProtectedTokenSecret!));
                var token = await oauth.ExchangeOAuth1TokenAsync(credentials, cancellationToken);
                link.Mode = LinkMode.OAuth2;
                GarminLinkTokens.WriteOAuth2Token(link, token, protector);
                note = "Exchanged for OAuth 2.0 tokens.";
                migrated = true;
            }
            catch (GarminApiException ex) when (ex.IsAuthBroken)
            {
                link.Break("Garmin refused the OAuth 1.0a token during the OAuth 2.0 exchange.");
                note = "Garmin refused the OAuth 1.0a token; the runner must reconnect.";
            }
            catch (GarminApiException ex)
            {
                note = $"Not exchanged ({ex.Kind}); the next run tries again.";
            }

            link.MigrationNote = note;
            link.MigrationAttemptedAtUtc = time.GetUtcNow().UtcDateTime;
            // Saved per link: a token Garmin has just issued must not be lost to a later failure.
            await db.SaveChangesAsync(CancellationToken.None);
            LogOutcome(link.UserId, link.GarminUserId, migrated, note);
            outcomes.Add(new GarminMigrationOutcome(link.UserId, link.GarminUserId, migrated, note));
        }

        LogSummary(outcomes.Count(o => o.Migrated), outcomes.Count);
        return outcomes;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "OAuth1 migration for user {UserId} (Garmin {GarminUserId}): migrated={Migrated}. {Note}")]
    private partial void LogOutcome(string userId, string garminUserId, bool migrated, string note);

    [LoggerMessage(Level = LogLevel.Information, Message = "OAuth1 migration: {Migrated} of {Total} links exchanged")]
    private partial void LogSummary(int migrated, int total);
}
