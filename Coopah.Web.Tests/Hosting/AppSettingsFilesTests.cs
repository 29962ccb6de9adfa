using Microsoft.Extensions.Configuration;

namespace Coopah.Web.Tests.Hosting;

/// <summary>Every settings file loads: a duplicate key (easy to get from a merge) stops the host at start-up.</summary>
public sealed class AppSettingsFilesTests
{
    public static TheoryData<string> Files() =>
        [.. Directory.GetFiles(Path.Combine(RepoRoot(), "Coopah.Web"), "appsettings*.json").Select(Path.GetFileName).OfType<string>()];

    [Theory]
    [MemberData(nameof(Files))]
    public void SettingsFile_Loads(string file)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepoRoot(), "Coopah.Web", file), optional: false).Build();

        Assert.NotEmpty(configuration.AsEnumerable());
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Coopah.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Coopah.sln not found above " + AppContext.BaseDirectory);
    }
}
