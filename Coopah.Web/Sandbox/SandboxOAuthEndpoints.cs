using Coopah.Core.Garmin;
using Coopah.Core.Garmin.OAuth;
using Microsoft.Extensions.Options;

namespace Coopah.Web.Sandbox;

/// <summary>The sandbox's OAuth 1.0a and OAuth 2.0 PKCE endpoints and consent pages (spec sections 1.1, 1.2, 1.4, 7).</summary>
internal static class SandboxOAuthEndpoints
{
    public static void MapSandboxOAuth(this RouteGroupBuilder group)
    {
        group.MapPost("/oauth-service/oauth/request_token", RequestTokenAsync);
        group.MapGet("/oauthConfirm", OAuth1Confirm);
        group.MapPost("/oauthConfirm", OAuth1DecideAsync);
        group.MapPost("/oauth-service/oauth/access_token", AccessTokenAsync);
        group.MapGet("/oauth2Confirm", OAuth2Confirm);
        group.MapPost("/oauth2Confirm", OAuth2DecideAsync);
        group.MapPost("/di-oauth2-service/oauth/token", TokenAsync);
        group.MapPost("/partner-gateway/rest/user/token-exchange", TokenExchangeAsync);
    }

    internal static async Task<IResult> RequestTokenAsync(HttpRequest request, SandboxOAuth1Server oauth1, SandboxFaults faults, SandboxRequestAuthenticator auth)
    {
        if (faults.TakeFault(SandboxOperations.RequestToken) is { } status)
        {
            return Fault(status);
        }

        var (header, failure) = await auth.VerifyOAuth1Async(request, _ => null, tokenRequired: false);
        if (failure is not null)
        {
            return failure;
        }

        var token = oauth1.CreateRequestToken(header!.Callback);
        return FormBody([new("oauth_token", token.Token), new("oauth_token_secret", token.TokenSecret)]);
    }

    internal static IResult OAuth1Confirm(HttpRequest request, SandboxOAuth1Server oauth1, IOptions<GarminOptions> garmin, SandboxAddress address)
    {
        var token = request.Query["oauth_token"].ToString();
        if (oauth1.FindRequestToken(token) is not { } pending)
        {
            return Page(SandboxConsentPage.Message("Link expired", "This authorization request is unknown, was already used or has expired."), 400);
        }

        if ((NullIfEmpty(request.Query["oauth_callback"]) ?? pending.Callback) is { } callback
            && !IsRegisteredCallback(request, callback, garmin.Value.OAuth1CallbackUri, OAuth1CallbackPath, address))
        {
            return Page(SandboxConsentPage.Message("Invalid authorization request", UnregisteredCallback), 400);
        }

        return Page(SandboxConsentPage.Render((request.PathBase + request.Path).ToString(), "OAuth 1.0a", NullIfEmpty(request.Query["coopah_user"]),
        [
            new("oauth_token", token),
            new("oauth_callback", NullIfEmpty(request.Query["oauth_callback"])),
            new("coopah_user", NullIfEmpty(request.Query["coopah_user"])),
        ]));
    }

    internal static async Task<IResult> OAuth1DecideAsync(HttpRequest request, SandboxOAuth1Server oauth1, IOptions<GarminOptions> garmin, SandboxAddress address)
    {
        var form = await request.ReadFormAsync();
        var token = form["oauth_token"].ToString();
        var pending = oauth1.FindRequestToken(token);
        if (pending is null)
        {
            return Page(SandboxConsentPage.Message("Link expired", "This authorization request is unknown, was already used or has expired."), 400);
        }

        var callback = NullIfEmpty(form["oauth_callback"]) ?? pending.Value.Callback;
        if (callback is not null && !IsRegisteredCallback(request, callback, garmin.Value.OAuth1CallbackUri, OAuth1CallbackPath, address))
        {
            return Page(SandboxConsentPage.Message("Invalid authorization request", UnregisteredCallback), 400);
        }

        string verifier;
        if (form["decision"] == "approve")
        {
            verifier = oauth1.ApproveRequestToken(token, Login(form), NullIfEmpty(form["coopah_user"]), form["permission"].OfType<string>())
                ?? throw new InvalidOperationException("The request token vanished.");
        }
        else
        {
            // Garmin's denial: the callback still runs, with the verifier "NULL".
            verifier = "NULL";
        }

        if (callback is null || !Uri.TryCreate(callback, UriKind.Absolute, out var callbackUri))
        {
            return Page(SandboxConsentPage.Message("Authorized", "No callback was given. Verifier: " + verifier));
        }

        return TypedResults.Redirect(OAuthEncoding.AppendQuery(callbackUri, [new("oauth_token", token), new("oauth_verifier", verifier)]).AbsoluteUri);
    }

    internal static async Task<IResult> AccessTokenAsync(HttpRequest request, SandboxOAuth1Server oauth1, SandboxFaults faults, SandboxRequestAuthenticator auth)
    {
        if (faults.TakeFault(SandboxOperations.AccessToken) is { } status)
        {
            return Fault(status);
        }

        var (header, failure) = await auth.VerifyOAuth1Async(request, token => token is null ? null : oauth1.FindRequestToken(token)?.Secret);
        if (failure is not null)
        {
            return failure;
        }

        var (access, error) = oauth1.ExchangeRequestToken(header!.Token!, header.Verifier);
        return access is null
            ? SandboxRequestAuthenticator.Unauthorized(error)
            : FormBody([new("oauth_token", access.Token), new("oauth_token_secret", access.TokenSecret)]);
    }

    internal static IResult OAuth2Confirm(HttpRequest request, SandboxOAuth2Server oauth2, IOptions<GarminOptions> garmin, SandboxAddress address)
    {
        var query = request.Query;
        var problem = CheckAuthorizeRequest(oauth2, query["response_type"], query["client_id"], query["code_challenge"], query["code_challenge_method"], query["redirect_uri"])
            ?? CheckRedirect(request, query["redirect_uri"].ToString(), garmin.Value, address);
        if (problem is not null)
        {
            return Page(SandboxConsentPage.Message("Invalid authorization request", problem), 400);
        }

        return Page(SandboxConsentPage.Render((request.PathBase + request.Path).ToString(), "OAuth 2.0 PKCE", NullIfEmpty(query["coopah_user"]),
        [
            new("client_id", query["client_id"].ToString()),
            new("redirect_uri", query["redirect_uri"].ToString()),
            new("code_challenge", query["code_challenge"].ToString()),
            new("code_challenge_method", query["code_challenge_method"].ToString()),
            new("response_type", query["response_type"].ToString()),
            new("state", NullIfEmpty(query["state"])),
            new("coopah_user", NullIfEmpty(query["coopah_user"])),
        ]));
    }

    internal static async Task<IResult> OAuth2DecideAsync(HttpRequest request, SandboxOAuth2Server oauth2, IOptions<GarminOptions> garmin, SandboxAddress address)
    {
        var form = await request.ReadFormAsync();
        var problem = CheckAuthorizeRequest(oauth2, form["response_type"], form["client_id"], form["code_challenge"], form["code_challenge_method"], form["redirect_uri"])
            ?? CheckRedirect(request, form["redirect_uri"].ToString(), garmin.Value, address);
        if (problem is not null)
        {
            return Page(SandboxConsentPage.Message("Invalid authorization request", problem), 400);
        }

        var redirect = new Uri(form["redirect_uri"].ToString());
        var stateValue = NullIfEmpty(form["state"]);
        var parameters = new List<KeyValuePair<string, string>>();
        if (form["decision"] == "approve")
        {
            var code = oauth2.CreateCode(Login(form), NullIfEmpty(form["coopah_user"]), form["permission"].OfType<string>(),
                form["code_challenge"].ToString(), redirect.AbsoluteUri);
            parameters.Add(new("code", code));
        }
        else
        {
            parameters.Add(new("error", "access_denied"));
            parameters.Add(new("error_description", "The user denied access."));
        }

        if (stateValue is not null)
        {
            parameters.Add(new("state", stateValue));
        }

        return TypedResults.Redirect(OAuthEncoding.AppendQuery(redirect, parameters).AbsoluteUri);
    }

    internal static async Task<IResult> TokenAsync(HttpRequest request, SandboxOAuth2Server oauth2, SandboxFaults faults)
    {
        if (faults.TakeFault(SandboxOperations.Token) is { } status)
        {
            return Fault(status);
        }

        if (!request.HasFormContentType)
        {
            return OAuthError(400, "invalid_request", "The token endpoint takes application/x-www-form-urlencoded.");
        }

        var form = await request.ReadFormAsync();
        // Garmin takes the client credentials in the body (not HTTP Basic).
        if (!oauth2.IsClient(form["client_id"].ToString(), form["client_secret"].ToString()))
        {
            return OAuthError(401, "invalid_client", "Unknown client or wrong client_secret.");
        }

        var (response, error) = form["grant_type"].ToString() switch
        {
            "authorization_code" => oauth2.RedeemCode(NullIfEmpty(form["code"]), NullIfEmpty(form["code_verifier"]), NullIfEmpty(form["redirect_uri"])),
            "refresh_token" => oauth2.Refresh(NullIfEmpty(form["refresh_token"])),
            _ => (null, "unsupported_grant_type"),
        };
        if (response is null)
        {
            return error == "unsupported_grant_type"
                ? OAuthError(400, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token.")
                : OAuthError(400, "invalid_grant", error);
        }

        return TypedResults.Json(response, GarminJsonContext.Default.GarminTokenResponse);
    }

    internal static async Task<IResult> TokenExchangeAsync(HttpRequest request, SandboxOAuth2Server oauth2, SandboxFaults faults, SandboxRequestAuthenticator auth)
    {
        if (faults.TakeFault(SandboxOperations.Token) is { } status)
        {
            return Fault(status);
        }

        var caller = await auth.AuthenticateAsync(request, allowBearer: false);
        return caller.Failure ?? TypedResults.Json(oauth2.IssueOAuth2Tokens(caller.UserId!), GarminJsonContext.Default.GarminTokenResponse);
    }

    private static string? CheckAuthorizeRequest(SandboxOAuth2Server oauth2, string? responseType, string? clientId, string? challenge, string? method, string? redirectUri)
    {
        if (responseType != "code")
        {
            return "response_type must be code.";
        }

        if (!oauth2.IsClientId(clientId))
        {
            return "Unknown client_id.";
        }

        if (string.IsNullOrEmpty(challenge) || method != Pkce.ChallengeMethod)
        {
            return "A code_challenge with code_challenge_method=S256 is required.";
        }

        // The sandbox has no portal app to take a registered redirect_uri from, so one must be sent.
        return Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? null
            : "redirect_uri must be an absolute http(s) URL.";
    }

    private const string OAuth1CallbackPath = "/garmin/callback";
    private const string OAuth2CallbackPath = "/garmin/oauth2/callback";
    private const string UnregisteredCallback = "The callback is not the one registered for this client (Coopah's Garmin callback).";

    private static string? CheckRedirect(HttpRequest request, string redirectUri, GarminOptions garmin, SandboxAddress address) =>
        IsRegisteredCallback(request, redirectUri, garmin.OAuth2RedirectUri, OAuth2CallbackPath, address) ? null : "redirect_uri is not the one registered for this client (Coopah's Garmin callback).";

    /// <summary>
    /// Garmin sends the browser only to the callback registered for the client. The sandbox's registration is
    /// Coopah's: the configured URL, or else Coopah's callback path on the host the consent page was opened on
    /// (the connect flow sends the browser there) or on this host's own address. Anything else would make the
    /// consent page an open redirector that also hands out codes.
    /// </summary>
    internal static bool IsRegisteredCallback(HttpRequest request, string callback, Uri? configured, string callbackPath, SandboxAddress address)
    {
        if (!Uri.TryCreate(callback, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }

        if (configured is not null)
        {
            return string.Equals(uri.AbsoluteUri, configured.AbsoluteUri, StringComparison.Ordinal);
        }

        var origin = uri.GetLeftPart(UriPartial.Authority);
        return string.Equals(uri.AbsolutePath, (request.PathBase + callbackPath).ToString(), StringComparison.Ordinal)
            && (string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)
                || string.Equals(origin, address.WebhookOrigin.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase));
    }

    private static string Login(IFormCollection form) =>
        NullIfEmpty(form["login"])?.Trim() ?? NullIfEmpty(form["coopah_user"]) ?? "sandbox-runner";

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) =>
        string.IsNullOrEmpty(value.ToString()) ? null : value.ToString();

    private static IResult FormBody(IEnumerable<KeyValuePair<string, string>> values) =>
        TypedResults.Text(OAuthEncoding.FormatFormUrlEncoded(values), "application/x-www-form-urlencoded");

    private static IResult OAuthError(int status, string error, string description) =>
        TypedResults.Json(new OAuthErrorBody(error, description), statusCode: status);

    internal static IResult Fault(int status) =>
        TypedResults.Json(new ErrorBody("Injected sandbox failure."), statusCode: status);

    internal static IResult Page(string html, int status = 200) => TypedResults.Content(html, "text/html; charset=utf-8", statusCode: status);

    private sealed record OAuthErrorBody(
        [property: System.Text.Json.Serialization.JsonPropertyName("error")] string Error,
        [property: System.Text.Json.Serialization.JsonPropertyName("error_description")] string ErrorDescription);
}
