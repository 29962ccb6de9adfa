using System.Net;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Hosting;

/// <summary>Issue 15, items 7-9 at host level: a misconfigured deployed host refuses to start and says why; a configured one starts.</summary>
public sealed class ProductionStartupTests
{
    [Fact]
    public void Start_ProductionWithClearKeysInDataFolder_Refuses()
    {
        using var factory = new DeployedFactory("Production", Valid(certificate: null));

        var messages = StartupError(factory);

        // SQLite: clear keys next to the database file; PostgreSQL: clear keys in the database itself.
        Assert.Contains(TestDatabase.IsPostgres ? "Data Protection key ring is kept in the shared PostgreSQL database" : "Data Protection key ring would be stored unencrypted", messages, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_ProductionWithHostHeaderRedirect_Refuses()
    {
        using var certificate = new TempCertificate();
        var settings = Valid(certificate);
        settings.Remove("Garmin:OAuth2RedirectUri");
        using var factory = new DeployedFactory("Production", settings);

        var messages = StartupError(factory);

        Assert.Contains("Garmin:OAuth2RedirectUri is not set and AllowedHosts allows any host", messages, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_ProductionWithShippedPathSecret_Refuses()
    {
        using var certificate = new TempCertificate();
        var settings = Valid(certificate);
        settings["GarminWebhooks:PathSecret"] = "sandbox-dev-secret-0123456789abcdef";
        using var factory = new DeployedFactory("Production", settings);

        var messages = StartupError(factory);

        Assert.Contains("GarminWebhooks:PathSecret is the development value shipped with Coopah", messages, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_StagingWithSandbox_Refuses()
    {
        using var factory = new DeployedFactory("Staging", new() { ["GarminSandbox:Enabled"] = "true" });

        var messages = StartupError(factory);

        Assert.Contains("GarminSandbox:Enabled is true in Staging", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ProductionFullyConfigured_ServesAndEncryptsTheKeyRing()
    {
        using var certificate = new TempCertificate();
        using var factory = new DeployedFactory("Production", Valid(certificate));
        using var client = factory.CreateAnonymous();

        using var health = await client.GetAsync("/health");
        factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("x");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var xml = TestDatabase.IsPostgres
            ? Assert.Single(await factory.QueryAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync()))!
            : await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(Path.Combine(factory.DataDirectory, "keys"), "key-*.xml")));
        Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ProductionWithPinnedAllowedHosts_StartsAndRefusesOtherHosts()
    {
        using var certificate = new TempCertificate();
        var settings = Valid(certificate);
        settings.Remove("Garmin:OAuth2RedirectUri");
        settings["AllowedHosts"] = "coopah.example";
        using var factory = new DeployedFactory("Production", settings);
        using var client = factory.CreateAnonymous();

        using var ours = new HttpRequestMessage(HttpMethod.Get, "/health") { Headers = { Host = "coopah.example" } };
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/health") { Headers = { Host = "evil.example" } };
        using var oursResponse = await client.SendAsync(ours);
        using var forgedResponse = await client.SendAsync(forged);

        // Host filtering is what makes a Host-derived callback URL safe without Garmin:OAuth2RedirectUri.
        Assert.Equal(HttpStatusCode.OK, oursResponse.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forgedResponse.StatusCode);
    }

    private static Dictionary<string, string?> Valid(TempCertificate? certificate) => DeployedFactory.ProductionSettings(certificate);

    private static string StartupError(DeployedFactory factory)
    {
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        var messages = new List<string>();
        for (var e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(" | ", messages);
    }
}
