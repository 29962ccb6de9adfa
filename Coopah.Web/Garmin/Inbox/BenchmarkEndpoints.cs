using System.Buffers;

namespace Coopah.Web.Garmin.Inbox;

/// <summary>
/// The anchor for <c>bench/webhook-load.sh</c>: an endpoint that only reads the body and answers 200, served by
/// the same Kestrel, middleware and rate-limit policy as the Garmin webhooks, so the difference between the two
/// is exactly what durable intake costs. Mapped only when <c>Benchmarks:BareEndpoint</c> is true (off by default).
/// </summary>
public static class BenchmarkEndpoints
{
    public const string BareEndpointSetting = "Benchmarks:BareEndpoint";

    public const string BarePath = "/bench/bare";

    public static IEndpointRouteBuilder MapBenchmarkEndpoints(this IEndpointRouteBuilder routes)
    {
        var configuration = routes.ServiceProvider.GetRequiredService<IConfiguration>();
        if (!configuration.GetValue(BareEndpointSetting, false))
        {
            return routes;
        }

        routes.MapPost(BarePath, ReadBodyAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(GarminWebhookEndpoints.RateLimitPolicy)
            .ExcludeFromDescription();
        return routes;
    }

    private static async Task<IResult> ReadBodyAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (await context.Request.Body.ReadAsync(buffer, cancellationToken) > 0)
            {
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return TypedResults.Ok();
    }
}
