using System.Security.Cryptography;
using System.Text;

namespace Coopah.Core.Garmin.OAuth;

/// <summary>The values for one OAuth 2.0 PKCE authorization: keep <see cref="Verifier"/> and <see cref="State"/> server-side.</summary>
public sealed record PkceAuthorization(string Verifier, string Challenge, string State)
{
    /// <summary>Redacts the verifier.</summary>
    public override string ToString() => $"PkceAuthorization {{ Challenge = {Challenge}, State = {State} }}";
}

/// <summary>RFC 7636 PKCE helpers (S256 only) and OAuth 2.0 state generation.</summary>
public static class Pkce
{
    public const int MinVerifierLength = 43;
    public const int MaxVerifierLength = 128;
    public const int DefaultVerifierLength = 64;
    public const string ChallengeMethod = "S256";

    /// <summary>Creates a verifier, its S256 challenge and a state value.</summary>
    public static PkceAuthorization Create(IRandomSource random, int verifierLength = DefaultVerifierLength)
    {
        var verifier = CreateVerifier(random, verifierLength);
        return new PkceAuthorization(verifier, ComputeS256Challenge(verifier), CreateState(random));
    }

    /// <summary>A verifier of <paramref name="length"/> characters (43-128) from the unreserved set.</summary>
    public static string CreateVerifier(IRandomSource random, int length = DefaultVerifierLength)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, MinVerifierLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaxVerifierLength);
        var bytes = new byte[((length * 3) + 3) / 4];
        random.Fill(bytes);
        return Base64Url(bytes)[..length];
    }

    /// <summary>An unguessable state value (32 random bytes, base64url).</summary>
    public static string CreateState(IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var bytes = new byte[32];
        random.Fill(bytes);
        return Base64Url(bytes);
    }

    /// <summary>base64url(SHA-256(ASCII(verifier))) without padding.</summary>
    public static string ComputeS256Challenge(string verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        return Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
    }

    /// <summary>True when the verifier has 43-128 characters, all unreserved.</summary>
    public static bool IsValidVerifier(string? verifier) =>
        verifier is { Length: >= MinVerifierLength and <= MaxVerifierLength } && verifier.All(OAuthEncoding.IsUnreserved);

    /// <summary>Server side (sandbox): checks a verifier against the stored S256 challenge in constant time.</summary>
    public static bool VerifyS256(string? verifier, string? challenge)
    {
        if (!IsValidVerifier(verifier) || string.IsNullOrEmpty(challenge))
        {
            return false;
        }

        return ConstantTimeEquals(ComputeS256Challenge(verifier!), challenge);
    }

    /// <summary>Ordinal comparison in constant time (for state values, secrets and client ids).</summary>
    public static bool ConstantTimeEquals(string? expected, string? actual)
    {
        if (expected is null || actual is null)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
