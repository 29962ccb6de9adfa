namespace Coopah.Core.Garmin;

/// <summary>Whether a ping's callbackURL may be fetched, and why not.</summary>
public sealed record CallbackUrlDecision(bool IsAllowed, Uri? Url, string Reason)
{
    internal static CallbackUrlDecision Deny(string reason) => new(false, null, reason);
}

/// <summary>
/// SSRF defence for ping callbacks: a callbackURL is fetched only when its scheme, host, port and path prefix
/// match one of the configured bases (Garmin's API, or the sandbox). Userinfo, percent-encoded or non-ASCII
/// authorities, IP literals (unless configured), backslashes, dot segments, encoded slashes/dots and fragments
/// are refused outright.
/// </summary>
public sealed class CallbackUrlPolicy
{
    /// <summary>Longest URL we accept.</summary>
    public const int MaxUrlLength = 4096;

    private readonly IReadOnlyList<Uri> _allowedPrefixes;

    /// <summary>Creates a policy for the given bases (absolute http/https URLs; the path is the required prefix).</summary>
    public CallbackUrlPolicy(IEnumerable<Uri> allowedPrefixes)
    {
        ArgumentNullException.ThrowIfNull(allowedPrefixes);
        var list = new List<Uri>();
        foreach (var prefix in allowedPrefixes)
        {
            if (prefix is null || !prefix.IsAbsoluteUri || (prefix.Scheme != Uri.UriSchemeHttps && prefix.Scheme != Uri.UriSchemeHttp)
                || prefix.UserInfo.Length > 0 || prefix.Query.Length > 0)
            {
                throw new ArgumentException("Callback bases must be absolute http(s) URLs without userinfo or query.", nameof(allowedPrefixes));
            }

            list.Add(prefix.AbsolutePath.EndsWith('/') ? prefix : new Uri(prefix.AbsoluteUri + "/"));
        }

        if (list.Count == 0)
        {
            throw new ArgumentException("At least one callback base is required.", nameof(allowedPrefixes));
        }

        _allowedPrefixes = list;
    }

    /// <summary>The bases a callback must match.</summary>
    public IReadOnlyList<Uri> AllowedPrefixes => _allowedPrefixes;

    /// <summary>
    /// The policy for the configured Garmin API: <c>ApisBaseUrl + CallbackPathPrefix</c>, plus
    /// <c>SandboxBaseUrl + CallbackPathPrefix</c> when a sandbox is configured.
    /// </summary>
    public static CallbackUrlPolicy FromOptions(GarminOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefixes = new List<Uri> { GarminOptions.Combine(options.ApisBaseUrl, options.CallbackPathPrefix) };
        if (options.SandboxBaseUrl is { } sandbox)
        {
            prefixes.Add(GarminOptions.Combine(sandbox, options.CallbackPathPrefix));
        }

        return new CallbackUrlPolicy(prefixes);
    }

    /// <summary>True when <paramref name="callbackUrl"/> may be fetched.</summary>
    public bool IsAllowed(string? callbackUrl) => Evaluate(callbackUrl).IsAllowed;

    /// <summary>Evaluates a callback URL exactly as received.</summary>
    public CallbackUrlDecision Evaluate(string? callbackUrl)
    {
        if (string.IsNullOrEmpty(callbackUrl))
        {
            return CallbackUrlDecision.Deny("The callback URL is empty.");
        }

        if (callbackUrl.Length > MaxUrlLength)
        {
            return CallbackUrlDecision.Deny("The callback URL is too long.");
        }

        foreach (var c in callbackUrl)
        {
            if (c <= ' ' || c >= 0x7F || c == '\\')
            {
                return CallbackUrlDecision.Deny("The callback URL contains whitespace, control, non-ASCII or backslash characters.");
            }
        }

        if (!Uri.TryCreate(callbackUrl, UriKind.Absolute, out var uri))
        {
            return CallbackUrlDecision.Deny("The callback URL is not an absolute URL.");
        }

        var schemeEnd = callbackUrl.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return CallbackUrlDecision.Deny("The callback URL has no authority.");
        }

        var rest = callbackUrl[(schemeEnd + 3)..];
        var authorityEnd = rest.IndexOfAny(['/', '?', '#']);
        var authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        if (authority.Contains('@', StringComparison.Ordinal) || uri.UserInfo.Length > 0)
        {
            return CallbackUrlDecision.Deny("The callback URL carries userinfo.");
        }

        if (authority.Contains('%', StringComparison.Ordinal))
        {
            return CallbackUrlDecision.Deny("The callback URL host is percent-encoded.");
        }

        if (uri.Fragment.Length > 0)
        {
            return CallbackUrlDecision.Deny("The callback URL has a fragment.");
        }

        var rawPath = authorityEnd < 0 ? string.Empty : rest[authorityEnd..];
        var queryStart = rawPath.IndexOf('?', StringComparison.Ordinal);
        if (queryStart >= 0)
        {
            rawPath = rawPath[..queryStart];
        }

        if (rawPath.Contains("%2e", StringComparison.OrdinalIgnoreCase) || rawPath.Contains("%2f", StringComparison.OrdinalIgnoreCase)
            || rawPath.Contains("%5c", StringComparison.OrdinalIgnoreCase) || rawPath.Contains("//", StringComparison.Ordinal)
            || rawPath.Split('/').Any(segment => segment is "." or ".."))
        {
            return CallbackUrlDecision.Deny("The callback URL path contains dot segments or encoded separators.");
        }

        foreach (var prefix in _allowedPrefixes)
        {
            if (!string.Equals(uri.Scheme, prefix.Scheme, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && prefix.HostNameType == UriHostNameType.Dns)
            {
                continue;
            }

            if (!string.Equals(uri.IdnHost, prefix.IdnHost, StringComparison.OrdinalIgnoreCase) || uri.Port != prefix.Port)
            {
                continue;
            }

            if (uri.AbsolutePath.StartsWith(prefix.AbsolutePath, StringComparison.Ordinal))
            {
                return new CallbackUrlDecision(true, uri, "Allowed.");
            }
        }

        return CallbackUrlDecision.Deny("The callback URL does not match the configured Garmin API (scheme, host, port and path).");
    }
}
