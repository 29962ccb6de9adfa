namespace Coopah.Web.Sandbox;

/// <summary>Operations whose next answer can be forced to fail (for trying Garmin outages from tests or the page).</summary>
public static class SandboxOperations
{
    public const string RequestToken = "request_token";
    public const string AccessToken = "access_token";
    public const string Token = "token";
    public const string UserId = "user_id";
    public const string Permissions = "permissions";
    public const string Registration = "registration";
    public const string Training = "training";
}
