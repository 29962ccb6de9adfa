using System.Collections.Concurrent;
using Coopah.Core.Garmin.OAuth;

namespace Coopah.Web.Sandbox;

/// <summary>
/// Activity files for activityFiles pings: <see cref="Put"/> returns the callbackURL; the first GET returns the
/// bytes and every later GET (or any after 24 h) gets 410 Gone, as at Garmin.
/// </summary>
public sealed class SandboxFileStore(SandboxAddress address, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    internal const string DownloadPath = "wellness-api/rest/activityFile";

    private readonly ConcurrentDictionary<string, Entry> _files = new(StringComparer.Ordinal);

    /// <summary>Stores a file (e.g. FIT bytes) and returns its one-time callbackURL on the sandbox host.</summary>
    public Uri Put(ReadOnlyMemory<byte> bytes, string fileType = "FIT")
    {
        var id = SandboxTokens.Random(12);
        var token = SandboxTokens.Random(16);
        _files[id] = new Entry(bytes.ToArray(), token, fileType, time.GetUtcNow());
        return OAuthEncoding.AppendQuery(new Uri(address.BaseUrl, DownloadPath), [new("id", id), new("token", token)]);
    }

    /// <summary>The download: bytes once; Gone when already taken or expired; NotFound when unknown or the token is wrong.</summary>
    internal (SandboxFileStatus Status, byte[]? Bytes, string? FileType) Take(string? id, string? token)
    {
        if (id is null || !_files.TryGetValue(id, out var entry) || !Pkce.ConstantTimeEquals(entry.Token, token))
        {
            return (SandboxFileStatus.NotFound, null, null);
        }

        if (time.GetUtcNow() - entry.StoredAt > Lifetime)
        {
            return (SandboxFileStatus.Gone, null, null);
        }

        // Only one caller can flip Taken: the atomic swap keeps "exactly once" under concurrent GETs.
        return Interlocked.Exchange(ref entry.Taken, 1) == 0
            ? (SandboxFileStatus.Ok, entry.Bytes, entry.FileType)
            : (SandboxFileStatus.Gone, null, null);
    }

    internal enum SandboxFileStatus
    {
        Ok,
        Gone,
        NotFound,
    }

    private sealed class Entry(byte[] bytes, string token, string fileType, DateTimeOffset storedAt)
    {
        public int Taken;

        public byte[] Bytes { get; } = bytes;

        public string Token { get; } = token;

        public string FileType { get; } = fileType;

        public DateTimeOffset StoredAt { get; } = storedAt;
    }
}
