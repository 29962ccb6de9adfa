using System.Net;

namespace Coopah.Core.Garmin;

/// <summary>How the sync engine and the web layer should react to a failed Garmin call.</summary>
public enum GarminErrorKind
{
    /// <summary>No HTTP response (connection failure, timeout): retry with backoff.</summary>
    Transport,

    /// <summary>429: retry later, honouring <see cref="GarminApiException.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>5xx: retry with backoff.</summary>
    ServerError,

    /// <summary>401/403, or invalid_grant from the token endpoint: the link is broken; the runner must reconnect.</summary>
    AuthBroken,

    /// <summary>412: the user has not granted the permission (WORKOUT_IMPORT for the Training API).</summary>
    PermissionRequired,

    /// <summary>400: Garmin rejected the request; store its message.</summary>
    BadRequest,

    /// <summary>404.</summary>
    NotFound,

    /// <summary>409 (duplicate backfill).</summary>
    Conflict,

    /// <summary>410: an activity file was already downloaded or expired.</summary>
    Gone,

    /// <summary>A 2xx response whose body could not be understood.</summary>
    InvalidResponse,

    /// <summary>Anything else.</summary>
    Other,
}

/// <summary>
/// A failed call to Garmin: status code (null when no response arrived), Retry-After, Garmin's message and body.
/// The body never contains our secrets; the request path is recorded without its query (which may carry tokens).
/// </summary>
public sealed class GarminApiException : Exception
{
    /// <summary>Longest body kept on the exception.</summary>
    public const int MaxBodyLength = 4096;

    public GarminApiException(
        string message,
        HttpStatusCode? statusCode,
        TimeSpan? retryAfter = null,
        string? responseBody = null,
        string? garminMessage = null,
        string? errorCode = null,
        string? requestMethod = null,
        string? requestPath = null,
        Exception? innerException = null,
        bool invalidResponse = false)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        RetryAfter = retryAfter;
        ResponseBody = responseBody is { Length: > MaxBodyLength } ? responseBody[..MaxBodyLength] : responseBody;
        GarminMessage = garminMessage;
        ErrorCode = errorCode;
        RequestMethod = requestMethod;
        RequestPath = requestPath;
        Kind = Classify(statusCode, errorCode, invalidResponse);
    }

    /// <summary>The HTTP status, or null for a transport failure.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The Retry-After delay when Garmin sent one (an HTTP date is converted relative to now).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The raw response body (truncated to <see cref="MaxBodyLength"/>).</summary>
    public string? ResponseBody { get; }

    /// <summary>Garmin's message: <c>errorMessage</c>, OAuth <c>error_description</c>/<c>error</c>, or the plain body.</summary>
    public string? GarminMessage { get; }

    /// <summary>The OAuth 2.0 <c>error</c> code (e.g. invalid_grant) when present.</summary>
    public string? ErrorCode { get; }

    public string? RequestMethod { get; }

    /// <summary>The request path without query.</summary>
    public string? RequestPath { get; }

    /// <summary>The classification.</summary>
    public GarminErrorKind Kind { get; }

    /// <summary>429, 5xx and transport failures: retry with backoff (Retry-After honoured).</summary>
    public bool IsRetryable => Kind is GarminErrorKind.RateLimited or GarminErrorKind.ServerError or GarminErrorKind.Transport;

    /// <summary>401/403 or invalid_grant: mark the link broken.</summary>
    public bool IsAuthBroken => Kind == GarminErrorKind.AuthBroken;

    /// <summary>412: ask the runner to allow workout import in Garmin Connect.</summary>
    public bool NeedsWorkoutImportPermission => Kind == GarminErrorKind.PermissionRequired;

    /// <summary>400 (other than invalid_grant): store Garmin's message.</summary>
    public bool IsBadRequest => Kind == GarminErrorKind.BadRequest;

    /// <summary>404.</summary>
    public bool IsNotFound => Kind == GarminErrorKind.NotFound;

    /// <summary>410.</summary>
    public bool IsGone => Kind == GarminErrorKind.Gone;

    private static GarminErrorKind Classify(HttpStatusCode? status, string? errorCode, bool invalidResponse)
    {
        if (invalidResponse)
        {
            return GarminErrorKind.InvalidResponse;
        }

        if (status is null)
        {
            return GarminErrorKind.Transport;
        }

        var code = (int)status.Value;
        return code switch
        {
            400 when string.Equals(errorCode, "invalid_grant", StringComparison.Ordinal) => GarminErrorKind.AuthBroken,
            400 => GarminErrorKind.BadRequest,
            401 or 403 => GarminErrorKind.AuthBroken,
            404 => GarminErrorKind.NotFound,
            408 => GarminErrorKind.Transport,
            409 => GarminErrorKind.Conflict,
            410 => GarminErrorKind.Gone,
            412 => GarminErrorKind.PermissionRequired,
            429 => GarminErrorKind.RateLimited,
            >= 500 and <= 599 => GarminErrorKind.ServerError,
            _ => GarminErrorKind.Other,
        };
    }
}
