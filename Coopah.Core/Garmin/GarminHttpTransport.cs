using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Coopah.Core.Garmin.OAuth;

namespace Coopah.Core.Garmin;

/// <summary>
/// The one HTTP core behind every Garmin API area (<see cref="GarminOAuthClient"/>, <see cref="GarminUserClient"/>,
/// <see cref="GarminTrainingClient"/>, <see cref="GarminCallbackClient"/>): builds requests, signs them (OAuth 1.0a
/// or Bearer), sends them and turns every failure into a <see cref="GarminApiException"/>. The area classes hold
/// no HTTP logic of their own, so error handling and signing cannot drift between them.
/// </summary>
public sealed class GarminHttpTransport
{
    /// <summary>
    /// The named HttpClient every area shares. Replace its primary handler (tests, the sandbox) once, with
    /// <c>AddHttpClient(GarminHttpTransport.HttpClientName)</c>, and all four areas use it.
    /// </summary>
    public const string HttpClientName = "Garmin";

    internal const string JsonMediaType = "application/json";
    internal const string FormMediaType = "application/x-www-form-urlencoded";

    private readonly HttpClient _http;
    private readonly OAuth1Signer _signer;

    /// <summary>Creates the core. <paramref name="timeProvider"/> and <paramref name="randomSource"/> default to the system ones.</summary>
    public GarminHttpTransport(HttpClient httpClient, GarminOptions options, TimeProvider? timeProvider = null, IRandomSource? randomSource = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _http = httpClient;
        Options = options;
        TimeProvider = timeProvider ?? TimeProvider.System;
        RandomSource = randomSource ?? CryptoRandomSource.Instance;
        _signer = new OAuth1Signer(TimeProvider, RandomSource);
    }

    /// <summary>The options in use.</summary>
    public GarminOptions Options { get; }

    internal TimeProvider TimeProvider { get; }

    internal IRandomSource RandomSource { get; }

    internal static Uri WithQuery(Uri url, IEnumerable<KeyValuePair<string, string>> query) => OAuthEncoding.AppendQuery(url, query);

    internal static ByteArrayContent JsonBody<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue(JsonMediaType) { CharSet = "utf-8" };
        return content;
    }

    /// <summary>A request that accepts JSON, authorized with <paramref name="credentials"/> when given.</summary>
    internal HttpRequestMessage CreateRequest(HttpMethod method, Uri url, GarminCredentials? credentials, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(JsonMediaType));
        if (credentials is not null)
        {
            Authorize(request, credentials, formParameters: null);
        }

        return request;
    }

    internal void Authorize(HttpRequestMessage request, GarminCredentials credentials, IEnumerable<KeyValuePair<string, string>>? formParameters)
    {
        switch (credentials)
        {
            case GarminOAuth1Credentials oauth1:
                Sign(request, oauth1.Token, oauth1.TokenSecret, formParameters, null);
                break;
            case GarminBearerCredentials bearer:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer.AccessToken);
                break;
            default:
                throw new ArgumentException("Unknown Garmin credentials.", nameof(credentials));
        }
    }

    /// <summary>Adds an OAuth 1.0a Authorization header signed with the consumer key and, when given, the token.</summary>
    internal void Sign(
        HttpRequestMessage request,
        string? token,
        string? tokenSecret,
        IEnumerable<KeyValuePair<string, string>>? formParameters,
        IEnumerable<KeyValuePair<string, string>>? extraOAuthParameters)
    {
        var signature = _signer.Sign(request.Method.Method, request.RequestUri!, Options.ConsumerKey, Options.ConsumerSecret,
            token, tokenSecret, formParameters, extraOAuthParameters);
        request.Headers.TryAddWithoutValidation("Authorization", signature.AuthorizationHeader);
    }

    internal async Task<T> SendForJsonAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var body = await SendForStringAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize(body, typeInfo) ?? throw new JsonException("The response body is null.");
        }
        catch (JsonException ex)
        {
            throw InvalidResponse(request, body, "The response is not the expected JSON.", ex);
        }
    }

    internal async Task<string> SendForStringAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    internal async Task SendNoContentAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends with headers-read completion (so callers can stream large bodies) and returns only successful
    /// responses; the caller disposes them. Network failures, timeouts and non-2xx answers become
    /// <see cref="GarminApiException"/>; a cancellation the caller asked for stays an <see cref="OperationCanceledException"/>.
    /// </summary>
    internal async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new GarminApiException("Garmin could not be reached: " + ex.Message, null,
                requestMethod: request.Method.Method, requestPath: request.RequestUri?.AbsolutePath, innerException: ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GarminApiException("The Garmin request timed out.", null,
                requestMethod: request.Method.Method, requestPath: request.RequestUri?.AbsolutePath, innerException: ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var (message, code) = ReadError(body);
            var status = response.StatusCode;
            throw new GarminApiException(
                string.Create(CultureInfo.InvariantCulture,
                    $"Garmin returned {(int)status} for {request.Method.Method} {request.RequestUri?.AbsolutePath}: {message ?? "(no message)"}"),
                status,
                ReadRetryAfter(response),
                body,
                message,
                code,
                request.Method.Method,
                request.RequestUri?.AbsolutePath);
        }
    }

    private TimeSpan? ReadRetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - TimeProvider.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>Extracts Garmin's message (errorMessage, error_description, error, message) and OAuth error code.</summary>
    internal static (string? Message, string? Code) ReadError(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                var root = document.RootElement;
                var code = GetString(root, "error");
                var message = GetString(root, "errorMessage") ?? GetString(root, "error_description") ?? GetString(root, "message") ?? code;
                return (message, code);
            }
        }
        catch (JsonException)
        {
            // Not JSON: use the text.
        }

        var text = body.Trim();
        return (text.Length > 500 ? text[..500] : text, null);
    }

    /// <summary>A 2xx answer we could not read: callers see it as a Garmin failure, not a parsing crash.</summary>
    internal static GarminApiException InvalidResponse(HttpRequestMessage request, string? body, string message, Exception? inner) =>
        new(message, HttpStatusCode.OK, responseBody: body, garminMessage: message,
            requestMethod: request.Method.Method, requestPath: request.RequestUri?.AbsolutePath, innerException: inner, invalidResponse: true);

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
