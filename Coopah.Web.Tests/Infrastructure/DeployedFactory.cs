using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;

namespace Coopah.Web.Tests.Infrastructure;

/// <summary>The host in a deployed environment (Production, Staging, Demo) with the given settings on top of the test ones.</summary>
public sealed class DeployedFactory(string environment, Dictionary<string, string?> settings) : CoopahWebApplicationFactory
{
    /// <summary>Everything a Production host needs to start (see README, "Running in production").</summary>
    public static Dictionary<string, string?> ProductionSettings(TempCertificate? certificate) => new()
    {
        ["Garmin:OAuth2RedirectUri"] = "https://coopah.example/garmin/oauth2/callback",
        ["GarminWebhooks:PathSecret"] = "f3a91c0d5e7b42a8c6d1e9f0b2a4c8d7",
        ["DataProtection:CertificatePath"] = certificate?.Path,
        ["DataProtection:CertificatePassword"] = certificate is null ? null : TempCertificate.Password,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(environment);
        foreach (var (key, value) in settings)
        {
            if (value is not null)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}

/// <summary>A self-signed PFX in the temp folder for the key ring.</summary>
public sealed class TempCertificate : IDisposable
{
    public const string Password = "key-ring-test";

    public TempCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Coopah key ring test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        File.WriteAllBytes(Path, certificate.Export(X509ContentType.Pfx, Password));
    }

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"coopah-keyring-{Guid.NewGuid():N}.pfx");

    public void Dispose() => File.Delete(Path);
}
