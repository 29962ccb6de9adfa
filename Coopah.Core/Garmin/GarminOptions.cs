namespace Coopah.Core.Garmin;

/// <summary>Which Garmin authorization protocol new links use.</summary>
public enum GarminAuthMode
{
    OAuth1,
    OAuth2,
}

/// <summary>
/// Garmin configuration (section "Garmin"). Base URLs point at Garmin's hosts by default and at the sandbox in
/// Development/Demo; paths are relative to them and configurable because Garmin's documents disagree.
/// </summary>
public sealed record GarminOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Garmin";

    public GarminAuthMode Mode { get; init; } = GarminAuthMode.OAuth2;

    /// <summary>OAuth 1.0a token host (request_token, access_token).</summary>
    public Uri ConnectApiBaseUrl { get; init; } = new("https://connectapi.garmin.com/");

    /// <summary>Consent pages host (oauthConfirm, oauth2Confirm).</summary>
    public Uri ConnectBaseUrl { get; init; } = new("https://connect.garmin.com/");

    /// <summary>OAuth 2.0 token host.</summary>
    public Uri DiauthBaseUrl { get; init; } = new("https://diauth.garmin.com/");

    /// <summary>Data, user and training APIs host.</summary>
    public Uri ApisBaseUrl { get; init; } = new("https://apis.garmin.com/");

    /// <summary>The sandbox's API base, accepted as a ping callback host besides <see cref="ApisBaseUrl"/>.</summary>
    public Uri? SandboxBaseUrl { get; init; }

    public string ConsumerKey { get; init; } = string.Empty;

    public string ConsumerSecret { get; init; } = string.Empty;

    public string ClientId { get; init; } = string.Empty;

    public string ClientSecret { get; init; } = string.Empty;

    /// <summary>OAuth 1.0a callback (our /garmin/callback); sent as oauth_callback.</summary>
    public Uri? OAuth1CallbackUri { get; init; }

    /// <summary>OAuth 2.0 redirect_uri (must match the portal app).</summary>
    public Uri? OAuth2RedirectUri { get; init; }

    public string RequestTokenPath { get; init; } = "oauth-service/oauth/request_token";

    public string AccessTokenPath { get; init; } = "oauth-service/oauth/access_token";

    public string OAuth1ConfirmPath { get; init; } = "oauthConfirm";

    public string OAuth2ConfirmPath { get; init; } = "oauth2Confirm";

    public string TokenPath { get; init; } = "di-oauth2-service/oauth/token";

    public string TokenExchangePath { get; init; } = "partner-gateway/rest/user/token-exchange";

    /// <summary>Prefix of user/id, user/permissions and user/registration (or "partner-gateway/rest/user/").</summary>
    public string UserApiPath { get; init; } = "wellness-api/rest/user/";

    public string WorkoutCreatePath { get; init; } = "workoutportal/workout/v2";

    /// <summary>Get/update/delete workout: this + id.</summary>
    public string WorkoutPath { get; init; } = "training-api/workout/v2/";

    /// <summary>Create/list schedules; get/update/delete: this + id.</summary>
    public string SchedulePath { get; init; } = "training-api/schedule/";

    public string BackfillPath { get; init; } = "wellness-api/rest/backfill/";

    /// <summary>Required path prefix of ping callback URLs (on <see cref="ApisBaseUrl"/> or <see cref="SandboxBaseUrl"/>).</summary>
    public string CallbackPathPrefix { get; init; } = "wellness-api/rest/";

    /// <summary>Largest callback download (activity files, ping pulls) in bytes.</summary>
    public long MaxCallbackDownloadBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>Configuration problems, empty when valid (credentials are checked for the configured mode).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var (name, url) in new[]
                 {
                     (nameof(ConnectApiBaseUrl), ConnectApiBaseUrl), (nameof(ConnectBaseUrl), ConnectBaseUrl),
                     (nameof(DiauthBaseUrl), DiauthBaseUrl), (nameof(ApisBaseUrl), ApisBaseUrl),
                 })
        {
            if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                errors.Add($"Garmin:{name} must be an absolute http(s) URL.");
            }
        }

        if (Mode == GarminAuthMode.OAuth1 && (string.IsNullOrEmpty(ConsumerKey) || string.IsNullOrEmpty(ConsumerSecret)))
        {
            errors.Add("Garmin:ConsumerKey and Garmin:ConsumerSecret are required in OAuth1 mode.");
        }

        if (Mode == GarminAuthMode.OAuth2 && (string.IsNullOrEmpty(ClientId) || string.IsNullOrEmpty(ClientSecret)))
        {
            errors.Add("Garmin:ClientId and Garmin:ClientSecret are required in OAuth2 mode.");
        }

        return errors;
    }

    /// <summary>Resolves <paramref name="path"/> against <paramref name="baseUrl"/> as a directory.</summary>
    public static Uri Combine(Uri baseUrl, string path)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var directory = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        return new Uri(directory, (path ?? string.Empty).TrimStart('/'));
    }

    /// <summary>Redacts the secrets.</summary>
    public override string ToString() =>
        $"GarminOptions {{ Mode = {Mode}, ApisBaseUrl = {ApisBaseUrl}, ConsumerKey = {ConsumerKey}, ClientId = {ClientId} }}";
}
