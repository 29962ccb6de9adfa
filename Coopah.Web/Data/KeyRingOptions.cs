namespace Coopah.Web.Data;

/// <summary>
/// Section "DataProtection": where the Data Protection key ring lives and how it is protected at rest. The key ring
/// decrypts every stored Garmin token, so in Production it must not sit in clear next to the database.
/// </summary>
public sealed class KeyRingOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>Folder for the key ring; empty: "keys" under the data folder. Relative paths resolve against the content root.</summary>
    public string? KeysDirectory { get; set; }

    /// <summary>A PFX whose certificate encrypts the keys (<c>ProtectKeysWithCertificate</c>) and decrypts them again.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Accept clear-text keys inside the data folder in Production anyway (say, the volume is encrypted and never copied).</summary>
    public bool AllowUnprotectedKeys { get; set; }

    /// <summary>The key ring folder for this data folder.</summary>
    public string ResolveKeysDirectory(string dataDirectory, string contentRoot) =>
        string.IsNullOrWhiteSpace(KeysDirectory) ? Path.Combine(dataDirectory, "keys") : Path.GetFullPath(KeysDirectory, contentRoot);

    /// <summary>
    /// Why these keys would be readable from a copy of the data folder in Production, or null when they are
    /// protected (certificate), kept elsewhere, or explicitly allowed.
    /// </summary>
    public string? ProductionProblem(DatabaseProvider provider, string dataDirectory, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(CertificatePath) || AllowUnprotectedKeys)
        {
            return null;
        }

        if (provider == DatabaseProvider.Postgres)
        {
            return "The Data Protection key ring is kept in the shared PostgreSQL database, next to the Garmin tokens it decrypts: "
                + "a dump of the database would decrypt every token. In Production set DataProtection:CertificatePath (a PFX, the "
                + "same on every instance; with DataProtection:CertificatePassword) to encrypt the keys, or "
                + "DataProtection:AllowUnprotectedKeys=true to accept the risk.";
        }

        var keys = Path.TrimEndingDirectorySeparator(ResolveKeysDirectory(dataDirectory, contentRoot));
        var data = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDirectory));
        var insideData = keys == data || keys.StartsWith(data + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return insideData
            ? $"The Data Protection key ring would be stored unencrypted in '{keys}', inside the data folder '{data}': a copy of that "
              + "folder decrypts every Garmin token. In Production set DataProtection:CertificatePath (a PFX; with "
              + "DataProtection:CertificatePassword) to encrypt the keys, or DataProtection:KeysDirectory to a folder outside "
              + "Coopah:DataDirectory (another volume), or DataProtection:AllowUnprotectedKeys=true to accept the risk."
            : null;
    }
}
