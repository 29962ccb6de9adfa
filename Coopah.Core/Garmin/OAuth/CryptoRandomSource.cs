using System.Security.Cryptography;

namespace Coopah.Core.Garmin.OAuth;

/// <summary>Cryptographically secure random source backed by <see cref="RandomNumberGenerator"/>.</summary>
public sealed class CryptoRandomSource : IRandomSource
{
    /// <summary>The shared instance.</summary>
    public static CryptoRandomSource Instance { get; } = new();

    /// <inheritdoc />
    public void Fill(Span<byte> buffer) => RandomNumberGenerator.Fill(buffer);
}
