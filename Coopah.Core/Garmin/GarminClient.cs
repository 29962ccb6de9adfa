using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Coopah.Core.Garmin.OAuth;
using Coopah.Core.Garmin.Training;

namespace Coopah.Core.Garmin;

/// <summary>
/// Typed <see cref="HttpClient"/> for Garmin (or the sandbox): OAuth 1.0a and 2.0 token calls, user endpoints,
/// Training API V2 workouts and schedules, backfill and ping callbacks. Every data call authenticates with
/// <see cref="GarminCredentials"/>; every failure is a <see cref="GarminApiException"/>.
/// </summary>
public sealed partial class GarminClient
{
    private const string JsonMediaType = "application/json";
    private const string FormMediaType = "application/x-www-form-urlencoded";

    private readonly HttpClient _http;
    private readonly TimeProvider _timeProvider;
    private readonly IRandomSource _randomSource;
    private readonly OAuth1Signer _signer;
    private readonly CallbackUrlPolicy _callbackPolicy;

    /// <summary>Creates the client. <paramref name="timeProvider"/> and <paramref name="randomSource"/> default to the system ones.</summary>
    public GarminClient(HttpClient httpClient, GarminOptions options, TimeProvider? timeProvider = null, IRandomSource? randomSource = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _http = httpClient;
        Options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _randomSource = randomSource ?? CryptoRandomSource.Instance;
        _signer = new OAuth1Signer(_timeProvider, _randomSource);
        _callbackPolicy = CallbackUrlPolicy.FromOptions(options);
    }

    /// <summary>The options in use.</summary>
    public GarminOptions Options { get; }

    // ---------------------------------------------------------------- OAuth 1.0a

    /// <summary>
    /// Step 1: a request token (signed with the consumer key only). oauth_callback is <paramref name="callbackUri"/>,
    /// else <see cref="GarminOptions.OAuth1CallbackUri"/>, else omitted (Garmin then uses the portal's callback).
    /// </summary>
    public async Task<OAuth1Token> GetRequestTokenAsync(Uri? callbackUri = null, CancellationToken cancellationToken = default)
    {
        var url = GarminOptions.Combine(Options.ConnectApiBaseUrl, Options.RequestTokenPath);
        var extra = (callbackUri ?? Options.OAuth1CallbackUri) is { } callback
            ? new[] { new KeyValuePair<string, string>(OAuth1Parameters.Callback, callback.AbsoluteUri) }
            : null;
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        Sign(request, token: null, tokenSecret: null, formParameters: null, extra);
        return await ReadOAuth1TokenAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Step 2: the consent page (oauthConfirm) to redirect the browser to.</summary>
    public Uri BuildOAuth1ConfirmUrl(string requestToken, Uri? callbackUri = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestToken);
        var query = new List<KeyValuePair<string, string>> { new(OAuth1Parameters.Token, requestToken) };
        if ((callbackUri ?? Options.OAuth1CallbackUri) is { } callback)
        {
            query.Add(new(OAuth1Parameters.Callback, callback.AbsoluteUri));
        }

        return WithQuery(GarminOptions.Combine(Options.ConnectBaseUrl, Options.OAuth1ConfirmPath), query);
    }

    /// <summary>Step 3: exchanges the approved request token and verifier for the user access token.</summary>
    public async Task<OAuth1Token> GetAccessTokenAsync(OAuth1Token requestToken, string verifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestToken);
        ArgumentException.ThrowIfNullOrEmpty(verifier);
        var url = GarminOptions.Combine(Options.ConnectApiBaseUrl, Options.AccessTokenPath);
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        Sign(request, requestToken.Token, requestToken.TokenSecret, formParameters: null,
            [new KeyValuePair<string, string>(OAuth1Parameters.Verifier, verifier)]);
        return await ReadOAuth1TokenAsync(request, cancellationToken).ConfigureAwait(false);
    }

    // ---------------------------------------------------------------- OAuth 2.0 PKCE

    /// <summary>A fresh verifier, S256 challenge and state; store the verifier and state server-side for the user.</summary>
    public PkceAuthorization CreatePkceAuthorization() => Pkce.Create(_randomSource);

    /// <summary>The oauth2Confirm consent URL; redirect_uri is <paramref name="redirectUri"/>, else the configured one, else omitted.</summary>
    public Uri BuildOAuth2ConfirmUrl(string codeChallenge, string state, Uri? redirectUri = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(codeChallenge);
        ArgumentException.ThrowIfNullOrEmpty(state);
        var query = new List<KeyValuePair<string, string>>
        {
            new("response_type", "code"),
            new("client_id", Options.ClientId),
            new("code_challenge", codeChallenge),
            new("code_challenge_method", Pkce.ChallengeMethod),
        };
        if ((redirectUri ?? Options.OAuth2RedirectUri) is { } redirect)
        {
            query.Add(new("redirect_uri", redirect.AbsoluteUri));
        }

        query.Add(new("state", state));
        return WithQuery(GarminOptions.Combine(Options.ConnectBaseUrl, Options.OAuth2ConfirmPath), query);
    }

    /// <summary>Exchanges an authorization code (with its PKCE verifier and the redirect_uri used at consent) for tokens.</summary>
    public Task<GarminOAuth2Token> ExchangeCodeAsync(string code, string codeVerifier, Uri? redirectUri = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        ArgumentException.ThrowIfNullOrEmpty(codeVerifier);
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "authorization_code"),
            new("client_id", Options.ClientId),
            new("client_secret", Options.ClientSecret),
            new("code", code),
            new("code_verifier", codeVerifier),
        };
        if ((redirectUri ?? Options.OAuth2RedirectUri) is { } redirect)
        {
            form.Add(new("redirect_uri", redirect.AbsoluteUri));
        }

        return PostTokenAsync(form, previous: null, cancellationToken);
    }

    /// <summary>
    /// Refreshes the tokens. The result carries the newest refresh token (Garmin rotates it): persist it in place
    /// of <paramref name="current"/>.
    /// </summary>
    public Task<GarminOAuth2Token> RefreshAsync(GarminOAuth2Token current, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "refresh_token"),
            new("client_id", Options.ClientId),
            new("client_secret", Options.ClientSecret),
            new("refresh_token", current.RefreshToken),
        };
        return PostTokenAsync(form, current, cancellationToken);
    }

    /// <summary>Migration: exchanges a user's OAuth 1.0a token for OAuth 2.0 tokens (signed with the OAuth1 token).</summary>
    public async Task<GarminOAuth2Token> ExchangeOAuth1TokenAsync(GarminOAuth1Credentials credentials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var url = GarminOptions.Combine(Options.ApisBaseUrl, Options.TokenExchangePath);
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        Authorize(request, credentials, formParameters: null);
        var issuedAt = _timeProvider.GetUtcNow();
        var response = await SendForJsonAsync(request, GarminJsonContext.Default.GarminTokenResponse, cancellationToken).ConfigureAwait(false);
        return ToToken(response, issuedAt, previous: null, request);
    }

    // ---------------------------------------------------------------- User endpoints

    /// <summary>The stable Garmin user id (the key of a link; never use the token as a key).</summary>
    public async Task<string> GetUserIdAsync(GarminCredentials credentials, CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(HttpMethod.Get, GarminOptions.Combine(Options.ApisBaseUrl, Options.UserApiPath + "id"), credentials);
        var body = await SendForStringAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("userId", out var id))
            {
                var value = id.ValueKind switch
                {
                    JsonValueKind.String => id.GetString(),
                    JsonValueKind.Number => id.GetRawText(),
                    _ => null,
                };
                if (!string.IsNullOrWhiteSpace(value))
                {
                    return value;
                }
            }
        }
        catch (JsonException ex)
        {
            throw InvalidResponse(request, body, "The user id response is not JSON.", ex);
        }

        throw InvalidResponse(request, body, "The user id response has no userId.", null);
    }

    /// <summary>
    /// The user's permissions. Accepts a bare string array, an object with "permissions", or (Garmin's documented
    /// non-JSON form) any quoted UPPER_CASE tokens.
    /// </summary>
    public async Task<IReadOnlyList<string>> GetPermissionsAsync(GarminCredentials credentials, CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(HttpMethod.Get, GarminOptions.Combine(Options.ApisBaseUrl, Options.UserApiPath + "permissions"), credentials);
        var body = await SendForStringAsync(request, cancellationToken).ConfigureAwait(false);
        return ParsePermissions(body) ?? throw InvalidResponse(request, body, "The permissions response could not be read.", null);
    }

    /// <summary>Parses a permissions body in any of the documented shapes; null when nothing can be read.</summary>
    public static IReadOnlyList<string>? ParsePermissions(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("permissions", out var inner))
            {
                root = inner;
            }

            if (root.ValueKind == JsonValueKind.Array)
            {
                return root.EnumerateArray()
                    .Where(e => e.ValueKind == JsonValueKind.String)
                    .Select(e => e.GetString()!)
                    .Where(s => s.Length > 0)
                    .Distinct(StringComparer.Ordinal)
                    .ToList();
            }
        }
        catch (JsonException)
        {
            // Fall through to the token scan below.
        }

        var tokens = PermissionTokenRegex().Matches(body).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
        return tokens.Count > 0 || body.Contains('[', StringComparison.Ordinal) ? tokens : null;
    }

    /// <summary>Disconnect: DELETE registration (204). Garmin then sends a deregistration and the tokens stop working.</summary>
    public async Task DeleteRegistrationAsync(GarminCredentials credentials, CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(HttpMethod.Delete, GarminOptions.Combine(Options.ApisBaseUrl, Options.UserApiPath + "registration"), credentials);
        await SendNoContentAsync(request, cancellationToken).ConfigureAwait(false);
    }

    // ---------------------------------------------------------------- Training API V2

    /// <summary>Creates a workout (POST workoutportal/workout/v2); returns it with workoutId and ownerId.</summary>
    public async Task<GarminWorkout> CreateWorkoutAsync(GarminCredentials credentials, GarminWorkout workout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workout);
        var body = workout with { WorkoutId = null, OwnerId = null };
        using var request = CreateRequest(HttpMethod.Post, GarminOptions.Combine(Options.ApisBaseUrl, Options.WorkoutCreatePath), credentials,
            JsonBody(body, GarminJsonContext.Default.GarminWorkout));
        return await SendForJsonAsync(request, GarminJsonContext.Default.GarminWorkout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a workout.</summary>
    public async Task<GarminWorkout> GetWorkoutAsync(GarminCredentials credentials, long workoutId, CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(HttpMethod.Get, WorkoutUrl(workoutId), credentials);
        return await SendForJsonAsync(request, GarminJsonContext.Default.GarminWorkout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces a workout (PUT); <see cref="GarminWorkout.WorkoutId"/> and <see cref="GarminWorkout.OwnerId"/> are required.</summary>
    public async Task UpdateWorkoutAsync(GarminCredentials credentials, GarminWorkout workout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workout);
        if (workout.WorkoutId is not { } id || workout.OwnerId is null)
        {
            throw new ArgumentException("Updating a workout needs its workoutId and ownerId.", nameof(workout));
        }

        using var request = CreateRequest(HttpMethod.Put, WorkoutUrl(id), credentials, JsonBody(workout, GarminJsonContext.Default.GarminWorkout));
        await SendNoContentAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a workout.</summary>
    public async Task DeleteWorkoutAsync(GarminCredentials credentials, long workoutId, CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(HttpMethod.Delete, WorkoutUrl(workoutId), credentials);
        await SendNoContentAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Schedules a workout on a date. The returned <see cref="GarminWorkoutSchedule.ScheduleId"/> is read from
    /// scheduleId, workoutScheduleId, id or a bare number, and is null when Garmin returned no body.
    /// </summary>
    public async Task<GarminWorkoutSchedule> CreateScheduleAsync(GarminCredentials credentials, long workoutId, DateOnly date, CancellationToken cancellationToken = default)
    {
        var schedule = new GarminWorkoutSchedule { WorkoutId = workoutId, Date = date };
        using var request = CreateRequest(HttpMethod.Post, GarminOptions.Combine(Options.ApisBaseUrl, Options.SchedulePath), credentials,
            JsonBody(schedule, GarminJsonContext.Default.GarminWorkoutSchedule));
        var body = await SendForStringAsync(request, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(body))
        {
            return schedule;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return ReadSchedule(document.RootElement, schedule);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            throw InvalidResponse(request, body, "The schedule response could not be read.", ex);
        }
    }

    /// <summary>Reads a schedule.</summary>
    public async Task<GarminWorkoutSchedule> GetScheduleAsync(GarminCredentials credentials, long scheduleId, CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(HttpMethod.Get, ScheduleUrl(scheduleId), credentials);
        var body = await SendForStringAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(body);
            return ReadSchedule(document.RootElement, new GarminWorkoutSchedule { ScheduleId = scheduleId });
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            throw InvalidResponse(request, body, "The schedule response could not be read.", ex);
        }
    }

    /// <summary>Moves or changes a schedule (PUT with the full body); <see cref="GarminWorkoutSchedule.ScheduleId"/> is required.</summary>
    public async Task UpdateScheduleAsync(GarminCredentials credentials, GarminWorkoutSchedule schedule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (schedule.ScheduleId is not { } id)
        {
            throw new ArgumentException("Updating a schedule needs its scheduleId.", nameof(schedule));
        }

        using var request = CreateRequest(HttpMethod.Put, ScheduleUrl(id), credentials, JsonBody(schedule, GarminJsonContext.Default.GarminWorkoutSchedule));
        await SendNoContentAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes a workout from the calendar.</summary>
    public async Task DeleteScheduleAsync(GarminCredentials credentials, long scheduleId, CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(HttpMethod.Delete, ScheduleUrl(scheduleId), credentials);
        await SendNoContentAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Schedules between two dates (inclusive).</summary>
    public async Task<IReadOnlyList<GarminWorkoutSchedule>> ListSchedulesAsync(GarminCredentials credentials, DateOnly startDate, DateOnly endDate, CancellationToken cancellationToken = default)
    {
        var url = WithQuery(GarminOptions.Combine(Options.ApisBaseUrl, Options.SchedulePath.TrimEnd('/')),
        [
            new("startDate", startDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("endDate", endDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ]);
        using var request = CreateRequest(HttpMethod.Get, url, credentials);
        var body = await SendForStringAsync(request, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(body))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("Expected an array of schedules.");
            }

            return document.RootElement.EnumerateArray().Select(e => ReadSchedule(e, new GarminWorkoutSchedule())).ToList();
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            throw InvalidResponse(request, body, "The schedule list could not be read.", ex);
        }
    }

    // ---------------------------------------------------------------- Backfill and ping callbacks

    /// <summary>Asks Garmin to re-send a summary type for a recorded-time window (202; data arrives as pushes/pings).</summary>
    public async Task RequestBackfillAsync(GarminCredentials credentials, string summaryType, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(summaryType);
        var url = WithQuery(GarminOptions.Combine(Options.ApisBaseUrl, Options.BackfillPath + Uri.EscapeDataString(summaryType)),
        [
            new("summaryStartTimeInSeconds", start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            new("summaryEndTimeInSeconds", end.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        ]);
        using var request = CreateRequest(HttpMethod.Get, url, credentials);
        await SendNoContentAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Fetches a ping's callbackURL exactly as received into <paramref name="destination"/>, after
    /// <see cref="CallbackUrlPolicy"/> allowed it, with at most <see cref="GarminOptions.MaxCallbackDownloadBytes"/>.
    /// <paramref name="credentials"/> may be null (OAuth2 callbacks carry their own token). Returns the byte count.
    /// A second download of an activity file fails with <see cref="GarminApiException.IsGone"/>.
    /// </summary>
    /// <exception cref="GarminPayloadException">The URL is not allowed (SSRF defence) or the body is too large.</exception>
    public async Task<long> DownloadCallbackAsync(string callbackUrl, Stream destination, GarminCredentials? credentials = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var decision = _callbackPolicy.Evaluate(callbackUrl);
        if (!decision.IsAllowed)
        {
            throw new GarminPayloadException("Refused callback URL: " + decision.Reason);
        }

        using var request = CreateRequest(HttpMethod.Get, decision.Url!, credentials);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var max = Options.MaxCallbackDownloadBytes;
        if (response.Content.Headers.ContentLength is { } length && length > max)
        {
            throw new GarminPayloadException(string.Create(CultureInfo.InvariantCulture, $"The callback body ({length} bytes) exceeds {max} bytes."));
        }

        await using var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > max)
            {
                throw new GarminPayloadException(string.Create(CultureInfo.InvariantCulture, $"The callback body exceeds {max} bytes."));
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }

        return total;
    }

    // ---------------------------------------------------------------- Plumbing

    private Uri WorkoutUrl(long id) =>
        GarminOptions.Combine(Options.ApisBaseUrl, Options.WorkoutPath.TrimEnd('/') + "/" + id.ToString(CultureInfo.InvariantCulture));

    private Uri ScheduleUrl(long id) =>
        GarminOptions.Combine(Options.ApisBaseUrl, Options.SchedulePath.TrimEnd('/') + "/" + id.ToString(CultureInfo.InvariantCulture));

    private static Uri WithQuery(Uri url, IEnumerable<KeyValuePair<string, string>> query) => OAuthEncoding.AppendQuery(url, query);

    private static ByteArrayContent JsonBody<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue(JsonMediaType) { CharSet = "utf-8" };
        return content;
    }

    private HttpRequestMessage CreateRequest(HttpMethod method, Uri url, GarminCredentials? credentials, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(JsonMediaType));
        if (credentials is not null)
        {
            Authorize(request, credentials, formParameters: null);
        }

        return request;
    }

    private void Authorize(HttpRequestMessage request, GarminCredentials credentials, IEnumerable<KeyValuePair<string, string>>? formParameters)
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

    private void Sign(
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

    private async Task<GarminOAuth2Token> PostTokenAsync(List<KeyValuePair<string, string>> form, GarminOAuth2Token? previous, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, GarminOptions.Combine(Options.DiauthBaseUrl, Options.TokenPath))
        {
            Content = new StringContent(OAuthEncoding.FormatFormUrlEncoded(form), Encoding.UTF8, FormMediaType),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(JsonMediaType));
        var issuedAt = _timeProvider.GetUtcNow();
        var response = await SendForJsonAsync(request, GarminJsonContext.Default.GarminTokenResponse, cancellationToken).ConfigureAwait(false);
        return ToToken(response, issuedAt, previous, request);
    }

    private static GarminOAuth2Token ToToken(GarminTokenResponse response, DateTimeOffset issuedAt, GarminOAuth2Token? previous, HttpRequestMessage request)
    {
        try
        {
            return GarminOAuth2Token.FromResponse(response, issuedAt, previous);
        }
        catch (FormatException ex)
        {
            throw InvalidResponse(request, null, ex.Message, ex);
        }
    }

    private async Task<OAuth1Token> ReadOAuth1TokenAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await SendForStringAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            return OAuth1Token.ParseResponse(body);
        }
        catch (FormatException ex)
        {
            throw InvalidResponse(request, body, ex.Message, ex);
        }
    }

    private async Task<T> SendForJsonAsync<T>(HttpRequestMessage request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
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

    private async Task<string> SendForStringAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task SendNoContentAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
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
            var wait = date - _timeProvider.GetUtcNow();
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

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static GarminWorkoutSchedule ReadSchedule(JsonElement element, GarminWorkoutSchedule fallback)
    {
        if (element.ValueKind == JsonValueKind.Number)
        {
            return fallback with { ScheduleId = element.GetInt64() };
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("Expected a schedule object or id.");
        }

        long? id = fallback.ScheduleId;
        foreach (var name in new[] { "scheduleId", "workoutScheduleId", "id" })
        {
            if (element.TryGetProperty(name, out var value) && ReadLong(value) is { } parsed)
            {
                id = parsed;
                break;
            }
        }

        var workoutId = element.TryGetProperty("workoutId", out var w) && ReadLong(w) is { } wid ? wid : fallback.WorkoutId;
        var date = element.TryGetProperty("date", out var d) && d.ValueKind == JsonValueKind.String
            ? DateOnly.ParseExact(d.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : fallback.Date;
        return new GarminWorkoutSchedule { ScheduleId = id, WorkoutId = workoutId, Date = date };
    }

    private static long? ReadLong(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out var n) => n,
        JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) => s,
        _ => null,
    };

    private static GarminApiException InvalidResponse(HttpRequestMessage request, string? body, string message, Exception? inner) =>
        new(message, HttpStatusCode.OK, responseBody: body, garminMessage: message,
            requestMethod: request.Method.Method, requestPath: request.RequestUri?.AbsolutePath, innerException: inner, invalidResponse: true);

    [GeneratedRegex("\"([A-Z][A-Z0-9_]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex PermissionTokenRegex();
}
