using Microsoft.AspNetCore.DataProtection;

namespace Coopah.Web.Garmin;

/// <summary>
/// Encrypts Garmin tokens, token secrets and PKCE verifiers before they reach the database (Data Protection,
/// keys in the data folder), so a copy of the database file holds no usable credential.
/// </summary>
public sealed class GarminTokenProtector(IDataProtectionProvider provider)
{
    public const string Purpose = "Coopah.Garmin.Tokens";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string value) => _protector.Protect(value);

    public string Unprotect(string protectedValue) => _protector.Unprotect(protectedValue);
}
