using Coopah.Web.Data;
using Coopah.Web.Authorization;
using Coopah.Web.Cluster;
using Coopah.Web.Plans;
using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Coopah.Web.Setup;

/// <summary>Applies migrations, seeds the plan templates into an empty table, ensures the roles exist and, when enabled, seeds the demo accounts once.</summary>
public sealed partial class DatabaseInitializer(
    IDbContextFactory<CoopahDbContext> dbFactory,
    RoleManager<IdentityRole> roles,
    UserManager<ApplicationUser> users,
    IOptions<DataOptions> options,
    DatabaseLocks locks,
    TimeProvider time,
    ILogger<DatabaseInitializer> logger)
{
    public static IReadOnlyList<DemoAccount> DemoAccounts { get; } =
    [
        new("admin@coopah.local", "Ada Admin", Roles.Admin, "Admin!2026demo", null),
        new("coach.anna@coopah.local", "Anna Coach", Roles.Coach, "Coach!2026demo", null),
        new("coach.ben@coopah.local", "Ben Coach", Roles.Coach, "Coach!2026demo", null),
        new("cara@coopah.local", "Cara Runner", Roles.Runner, "Runner!2026demo", "coach.anna@coopah.local"),
        new("dan@coopah.local", "Dan Runner", Roles.Runner, "Runner!2026demo", "coach.anna@coopah.local"),
        new("eve@coopah.local", "Eve Runner", Roles.Runner, "Runner!2026demo", "coach.ben@coopah.local"),
        new("finn@coopah.local", "Finn Runner", Roles.Runner, "Runner!2026demo", null),
    ];

    /// <summary>
    /// One instance at a time (an advisory lock on PostgreSQL): instances that start together would otherwise race to
    /// apply the same migration or seed the same accounts. The next one finds the work done.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        // The lock lives in the database, so the database must exist before anyone can take it.
        await EnsureDatabaseExistsAsync(cancellationToken);
        await using var held = await locks.AcquireAsync("coopah-initialize", cancellationToken);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await db.Database.MigrateAsync(cancellationToken);
            if (db.Database.IsSqlite())
            {
                // WAL lets readers and the single writer work side by side: webhook intake and the portal share the file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }

            await PlanLibrary.SeedAsync(db, time.GetUtcNow().UtcDateTime, cancellationToken);
        }

        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                EnsureSucceeded(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }

        if (options.Value.SeedDemoData)
        {
            await SeedDemoAccountsAsync();
        }
    }

    private async Task EnsureDatabaseExistsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (DbException) when (creator.Exists())
        {
            // Another instance created it a moment earlier.
        }
    }

    private async Task SeedDemoAccountsAsync()
    {
        var created = new List<DemoAccount>();
        foreach (var account in DemoAccounts)
        {
            if (await users.FindByEmailAsync(account.Email) is not null)
            {
                continue;
            }

            var user = new ApplicationUser
            {
                UserName = account.Email,
                Email = account.Email,
                EmailConfirmed = true,
                DisplayName = account.DisplayName,
            };
            if (account.CoachEmail is not null)
            {
                user.CoachId = (await users.FindByEmailAsync(account.CoachEmail))?.Id;
            }

            EnsureSucceeded(await users.CreateAsync(user, account.Password), $"create {account.Email}");
            EnsureSucceeded(await users.AddToRoleAsync(user, account.Role), $"add {account.Email} to {account.Role}");
            created.Add(account);
        }

        // Printed once, when the accounts are first created, so a new user can sign in straight away.
        foreach (var account in created)
        {
            LogDemoAccount(account.Role, account.Email, account.Password);
        }
    }

    private static void EnsureSucceeded(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo account created: {Role} {Email} / {Password}")]
    private partial void LogDemoAccount(string role, string email, string password);
}

public sealed record DemoAccount(string Email, string DisplayName, string Role, string Password, string? CoachEmail);
