using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Coopah.Web.Authorization;

/// <summary>Section "LoginThrottle": how many failed sign-ins one source may make before its login posts get 429.</summary>
public sealed class LoginThrottleOptions
{
    public const string SectionName = "LoginThrottle";

    /// <summary>Failed sign-ins per source within <see cref="Window"/> before further login posts are refused.</summary>
    public int FailuresPerWindow { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Per-source throttle of the login post. It counts failed sign-ins, not attempts: the test suite alone signs in
/// 25 times in under 5 s from one source, the same order as a 30-in-2.5-s guessing burst, so only failures tell the
/// two apart. Identity's lockout stops guessing on one account; this stops spraying many accounts from one source
/// and spares the server the password hashing. The 429 comes from the rate-limiter middleware (the mechanism the
/// webhooks use), before the page hashes anything.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    public const string Policy = "login";

    private readonly PartitionedRateLimiter<string> _failures;

    public LoginThrottle(IOptions<LoginThrottleOptions> options)
    {
        var o = options.Value;
        _failures = PartitionedRateLimiter.Create<string, string>(source => RateLimitPartition.GetSlidingWindowLimiter(source, _ =>
            new SlidingWindowRateLimiterOptions
            {
                PermitLimit = o.FailuresPerWindow,
                Window = o.Window,
                SegmentsPerWindow = 6,
                QueueLimit = 0,
            }));
    }

    /// <summary>
    /// The caller's address. Behind a reverse proxy this is the proxy unless forwarded headers are applied
    /// (see README, "Running in production"). No address (in-process test server, Unix socket) is one source.
    /// </summary>
    public static string Source(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : IPAddress.None.ToString();

    public void RecordFailure(HttpContext context)
    {
        using var lease = _failures.AttemptAcquire(Source(context));
    }

    public bool IsThrottled(HttpContext context) =>
        _failures.GetStatistics(Source(context)) is { CurrentAvailablePermits: <= 0 };

    public void Dispose() => _failures.Dispose();

    /// <summary>Rate-limiter policy for the login pages: login posts from a throttled source are rejected.</summary>
    internal sealed class RateLimiterPolicy(LoginThrottle throttle) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => static async (context, cancellationToken) =>
        {
            var http = context.HttpContext;
            if (http.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
            {
                statusPages.Enabled = false;
            }

            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = "60";
            await http.Response.WriteAsync("Too many failed sign-in attempts from your network. Wait a minute and try again.", cancellationToken);
        };

        public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
            HttpMethods.IsPost(httpContext.Request.Method) && throttle.IsThrottled(httpContext)
                ? RateLimitPartition.Get("throttled", _ => new RejectAll())
                : RateLimitPartition.GetNoLimiter("open");
    }

    /// <summary>The throttled partition: refuses everything (the partition is chosen only while the source is throttled).</summary>
    private sealed class RejectAll : RateLimiter
    {
        public override TimeSpan? IdleDuration => null;

        public override RateLimiterStatistics GetStatistics() => new();

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => Refused.Instance;

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            ValueTask.FromResult<RateLimitLease>(Refused.Instance);
    }

    private sealed class Refused : RateLimitLease
    {
        public static readonly Refused Instance = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
