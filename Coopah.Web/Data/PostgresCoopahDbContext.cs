using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Coopah.Web.Data;

/// <summary>
/// The same model on PostgreSQL (add a migration with <c>scripts/add-migration.sh</c>, which creates one per engine). Its own type so its migrations (Data/Migrations/Postgres) are found apart from
/// SQLite's: EF picks the migrations whose <c>[DbContext]</c> names the exact context type.
/// </summary>
public sealed class PostgresCoopahDbContext(DbContextOptions<PostgresCoopahDbContext> options) : CoopahDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // Every DateTime in the model is UTC (the *Utc names), stored as timestamptz. Npgsql refuses a DateTime whose
        // Kind is not Utc, and SQLite never kept the Kind, so values that come back from either engine say Utc here.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        value => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc),
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
