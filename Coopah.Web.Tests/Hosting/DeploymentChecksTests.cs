using Coopah.Web.Data;
using Coopah.Web.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Coopah.Web.Tests.Hosting;

/// <summary>Issue 15, items 7-9 as units: what each start-up check accepts and refuses.</summary>
public sealed class DeploymentChecksTests
{
    private const string Strong = "9f1c2d7e4b8a6350c1e2f3a4b5c6d7e8";

    [Theory]
    [InlineData("sandbox-dev-secret-0123456789abcdef", "shipped")]
    [InlineData("SANDBOX-DEV-SECRET-0123456789ABCDEF", "shipped")]
    [InlineData("sandbox-dev-secret-0123456789abcdef-prod", "shipped")]
    [InlineData("sandbox-client-secret", "shipped")]
    [InlineData("short-secret", "shorter")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaa", "fewer")]
    [InlineData("1212121212121212", "fewer")]
    [InlineData("changeme-20260101", "placeholder")]
    [InlineData("Password123456789", "placeholder")]
    public void WeakReason_WeakSecret_IsNamed(string secret, string expected) =>
        Assert.Contains(expected, DeploymentChecks.WeakReason(secret), StringComparison.Ordinal);

    [Theory]
    [InlineData(Strong)]
    [InlineData("test-webhook-secret-0123456789")]
    public void WeakReason_RandomSecret_IsAccepted(string secret) =>
        Assert.Null(DeploymentChecks.WeakReason(secret));

    [Fact]
    public void Find_ShippedPathSecretInProduction_IsRefusedWithoutPrintingIt()
    {
        var problems = DeploymentChecks.Find(Config(("GarminWebhooks:PathSecret", "sandbox-dev-secret-0123456789abcdef"), ("AllowedHosts", "coopah.example"),
            ("DataProtection:AllowUnprotectedKeys", "true")), Env("Production"));

        var problem = Assert.Single(problems);
        Assert.StartsWith("GarminWebhooks:PathSecret is the development value shipped with Coopah", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789abcdef", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Staging")]
    [InlineData("Testing")]
    public void Find_ShippedSecretOutsideDevelopmentAndDemo_IsRefused(string environment) =>
        Assert.Contains(DeploymentChecks.Find(Config(("Garmin:ClientSecret", "sandbox-client-secret"), ("GarminWebhooks:PathSecret", "test-webhook-secret-0123456789")), Env(environment)),
            p => p.StartsWith("Garmin:ClientSecret is the development value", StringComparison.Ordinal));

    [Fact]
    public void Find_NoPathSecretInStaging_IsNamed() =>
        Assert.Contains(DeploymentChecks.Find(Config(), Env("Staging")), p => p.StartsWith("GarminWebhooks:PathSecret is not set", StringComparison.Ordinal));

    [Theory]
    [InlineData("Development")]
    [InlineData("Demo")]
    public void Find_ShippedSecretInDevelopmentOrDemo_IsAllowed(string environment) =>
        Assert.Empty(DeploymentChecks.Find(Config(("GarminWebhooks:PathSecret", "sandbox-dev-secret-0123456789abcdef")), Env(environment)));

    [Theory]
    [InlineData(null, "*", "OAuth2", "Garmin:OAuth2RedirectUri is not set")]
    [InlineData(null, "", "OAuth2", "Garmin:OAuth2RedirectUri is not set")]
    [InlineData(null, "coopah.example;*", "OAuth2", "Garmin:OAuth2RedirectUri is not set")]
    [InlineData(null, "*", "OAuth1", "Garmin:OAuth1CallbackUri is not set")]
    [InlineData("/garmin/oauth2/callback", "*", "OAuth2", "must be an absolute")]
    public void CallbackProblem_HostHeaderWouldDecide_IsRefused(string? redirect, string allowedHosts, string mode, string expected)
    {
        var key = mode == "OAuth1" ? "Garmin:OAuth1CallbackUri" : "Garmin:OAuth2RedirectUri";
        var problem = DeploymentChecks.CallbackProblem(Config((key, redirect), ("AllowedHosts", allowedHosts), ("Garmin:Mode", mode)));

        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://coopah.example/garmin/oauth2/callback", "*")]
    [InlineData(null, "coopah.example")]
    [InlineData(null, "coopah.example;*.coopah.example")]
    public void CallbackProblem_ConfiguredUrlOrPinnedHosts_IsAccepted(string? redirect, string allowedHosts) =>
        Assert.Null(DeploymentChecks.CallbackProblem(Config(("Garmin:OAuth2RedirectUri", redirect), ("AllowedHosts", allowedHosts))));

    [Fact]
    public void KeyRing_DefaultInsideDataFolder_IsAProductionProblem()
    {
        var problem = new KeyRingOptions().ProductionProblem(DatabaseProvider.Sqlite, "/data", "/app");

        Assert.Contains("stored unencrypted in '/data/keys'", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/data/keys-2", null, false, true)]
    [InlineData("/data", null, false, true)]
    [InlineData("/keys", null, false, false)]
    [InlineData("/data-keys", null, false, false)]
    [InlineData(null, "/secrets/keyring.pfx", false, false)]
    [InlineData(null, null, true, false)]
    public void KeyRing_ProductionProblem_OnlyForClearKeysInTheDataFolder(string? keys, string? certificate, bool allow, bool problem)
    {
        var options = new KeyRingOptions { KeysDirectory = keys, CertificatePath = certificate, AllowUnprotectedKeys = allow };

        Assert.Equal(problem, options.ProductionProblem(DatabaseProvider.Sqlite, "/data", "/app") is not null);
    }

    [Theory]
    [InlineData(null, null, false, true)]
    [InlineData("/keys", null, false, true)]
    [InlineData(null, "/secrets/keyring.pfx", false, false)]
    [InlineData(null, null, true, false)]
    public void KeyRing_OnPostgres_KeysInTheSharedDatabaseNeedACertificate(string? keys, string? certificate, bool allow, bool problem)
    {
        // A keys folder does not help: on PostgreSQL the ring is in the database, next to the tokens it decrypts.
        var options = new KeyRingOptions { KeysDirectory = keys, CertificatePath = certificate, AllowUnprotectedKeys = allow };

        var found = options.ProductionProblem(DatabaseProvider.Postgres, "/data", "/app");

        Assert.Equal(problem, found is not null);
        if (problem)
        {
            Assert.Contains("DataProtection:CertificatePath", found, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Development", true)]
    [InlineData("Demo", true)]
    [InlineData("Testing", true)]
    [InlineData("Staging", false)]
    [InlineData("Production", false)]
    [InlineData("production-eu", false)]
    public void AllowsSandbox_OnlyDevelopmentDemoAndTestHosts(string environment, bool allowed) =>
        Assert.Equal(allowed, CoopahEnvironments.AllowsSandbox(Env(environment)));

    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static IHostEnvironment Env(string name) => new TestEnvironment { EnvironmentName = name };

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "";

        public string ApplicationName { get; set; } = "Coopah.Web";

        public string ContentRootPath { get; set; } = "/app";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
