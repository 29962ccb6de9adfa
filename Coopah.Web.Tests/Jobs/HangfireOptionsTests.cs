using Coopah.Web.Data;
using Coopah.Web.Jobs;

namespace Coopah.Web.Tests.Jobs;

public sealed class HangfireOptionsTests
{
    [Fact]
    public void Defaults_AreValid_SqliteWithAQuickPoll()
    {
        var options = new HangfireOptions();

        Assert.Empty(options.Validate(DatabaseProvider.Sqlite));
        Assert.Equal(HangfireStorageKind.SQLite, options.StorageFor(DatabaseProvider.Sqlite));
        Assert.True(options.QueuePollInterval < TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void OnPostgres_TheStoreFollowsTheDatabase_AndAPerInstanceSqliteStoreIsRefused()
    {
        Assert.Empty(new HangfireOptions().Validate(DatabaseProvider.Postgres));
        Assert.Equal(HangfireStorageKind.PostgreSql, new HangfireOptions().StorageFor(DatabaseProvider.Postgres));
        Assert.Contains(new HangfireOptions { Storage = HangfireStorageKind.SQLite }.Validate(DatabaseProvider.Postgres), e => e.Contains("Hangfire:Storage=SQLite", StringComparison.Ordinal));
        Assert.Empty(new HangfireOptions { Storage = HangfireStorageKind.InMemory }.Validate(DatabaseProvider.Postgres));
    }

    [Theory]
    [InlineData("PostgreSql")]
    [InlineData("poll")]
    [InlineData("invisibility")]
    [InlineData("file")]
    public void Invalid_IsRefusedWithTheKeyNamed(string what)
    {
        var options = new HangfireOptions();
        var key = what switch
        {
            "PostgreSql" => Set(() => options.Storage = HangfireStorageKind.PostgreSql, "Hangfire:Storage"),
            "poll" => Set(() => options.QueuePollInterval = TimeSpan.Zero, "Hangfire:QueuePollInterval"),
            "invisibility" => Set(() => options.InvisibilityTimeout = TimeSpan.FromSeconds(10), "Hangfire:InvisibilityTimeout"),
            _ => Set(() => options.DatabaseFile = " ", "Hangfire:DatabaseFile"),
        };

        Assert.Contains(options.Validate(DatabaseProvider.Sqlite), e => e.Contains(key, StringComparison.Ordinal));
    }

    private static string Set(Action set, string key)
    {
        set();
        return key;
    }
}
