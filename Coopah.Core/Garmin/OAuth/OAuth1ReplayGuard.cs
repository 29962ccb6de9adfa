using System.Collections.Concurrent;

namespace Coopah.Core.Garmin.OAuth;

/// <summary>
/// Server side (sandbox): remembers (consumer key, token, nonce, timestamp) for twice the allowed clock skew and
/// refuses a second use. Call after <see cref="OAuth1Verifier"/> accepted the signature.
/// </summary>
public sealed class OAuth1ReplayGuard(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    /// <summary>How long a nonce is remembered.</summary>
    public static TimeSpan Retention { get; } = OAuth1Verifier.MaxClockSkew * 2;

    /// <summary>True the first time a nonce is seen, false on a replay.</summary>
    public bool TryRegister(OAuth1AuthorizationHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var now = timeProvider.GetUtcNow();
        foreach (var (key, seenAt) in _seen)
        {
            if (now - seenAt > Retention)
            {
                _seen.TryRemove(key, out _);
            }
        }

        var id = string.Join('\n', header.ConsumerKey, header.Token, header.Nonce, header.Timestamp);
        return _seen.TryAdd(id, now);
    }
}
