namespace Coopah.Web.Data;

/// <summary>Which database engine holds the app's tables.</summary>
public enum DatabaseProvider
{
    /// <summary>One file in the data folder: the embedded default for one host.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server shared by several instances (docs/SCALING.md).</summary>
    Postgres,
}

/// <summary>The <c>Database</c> section; the connection string is <c>ConnectionStrings:Coopah</c> for either engine.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public static DatabaseProvider ProviderOf(IConfiguration configuration)
    {
        var value = configuration[$"{SectionName}:{nameof(Provider)}"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseProvider.Sqlite;
        }

        return Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{value}'.");
    }
}
