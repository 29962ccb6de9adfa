namespace Coopah.Core.Garmin.OAuth;

/// <summary>Source of random bytes for nonces, PKCE verifiers and state values (injectable for tests).</summary>
public interface IRandomSource
{
    /// <summary>Fills <paramref name="buffer"/> with random bytes.</summary>
    void Fill(Span<byte> buffer);
}
