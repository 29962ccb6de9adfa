using Coopah.Core.Garmin.OAuth;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Coopah.Web.Sandbox;

/// <summary>Who is calling a sandbox API: the Garmin user id, or the 401 Garmin would answer.</summary>
internal sealed record SandboxCaller(string? UserId, string? OAuth1Token, IResult? Failure);

/// <summary>
/// Authenticates sandbox API calls the way Garmin does: <c>Bearer</c> OAuth 2.0 tokens, or OAuth 1.0a requests
/// whose HMAC-SHA1 signature, timestamp (10-minute skew) and nonce (no replay) are all checked.
/// </summary>
internal sealed class SandboxRequestAuthenticator(
    SandboxOAuth1Server oauth1, SandboxOAuth2Server oauth2, IOptions<GarminSandboxOptions> options, OAuth1Verifier verifier, OAuth1ReplayGuard replayGuard)
{
    public async Task<SandboxCaller> AuthenticateAsync(HttpRequest request, bool allowBearer = true)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (allowBearer && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var userId = oauth2.ResolveBearer(authorization["Bearer ".Length..].Trim());
            return userId is null ? Fail("Invalid, expired or revoked access token.") : new SandboxCaller(userId, null, null);
        }

        var (header, failure) = await VerifyOAuth1Async(request, tokenSecretFor: token => oauth1.ResolveOAuth1Token(token)?.Secret);
        if (failure is not null)
        {
            return new SandboxCaller(null, null, failure);
        }

        var resolved = oauth1.ResolveOAuth1Token(header!.Token);
        return resolved is null ? Fail("Unknown or revoked user access token.") : new SandboxCaller(resolved.Value.UserId, header.Token, null);
    }

    /// <summary>
    /// Verifies an OAuth 1.0a signed request; <paramref name="tokenSecretFor"/> maps oauth_token to its secret
    /// (null when unknown). Returns the parsed header, or the 401 to send.
    /// </summary>
    public async Task<(OAuth1AuthorizationHeader? Header, IResult? Failure)> VerifyOAuth1Async(HttpRequest request, Func<string?, string?> tokenSecretFor, bool tokenRequired = true)
    {
        if (!OAuth1AuthorizationHeader.TryParse(request.Headers.Authorization.ToString(), out var header))
        {
            return (null, Unauthorized("Missing or malformed OAuth Authorization header."));
        }

        if (!Pkce.ConstantTimeEquals(options.Value.ConsumerKey, header!.ConsumerKey))
        {
            return (null, Unauthorized("Unknown consumer key."));
        }

        string? tokenSecret = null;
        if (tokenRequired)
        {
            tokenSecret = tokenSecretFor(header.Token);
            if (tokenSecret is null)
            {
                return (null, Unauthorized("Unknown or revoked oauth_token."));
            }
        }

        var form = request.HasFormContentType
            ? (await request.ReadFormAsync()).SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? "")))
            : null;
        var result = verifier.Verify(request.Method, new Uri(request.GetEncodedUrl()), form, header, options.Value.ConsumerSecret, tokenSecret);
        if (!result.IsValid)
        {
            return (null, Unauthorized(result.Reason));
        }

        if (!replayGuard.TryRegister(header))
        {
            return (null, Unauthorized("oauth_nonce was already used."));
        }

        return (header, null);
    }

    public static IResult Unauthorized(string message) => TypedResults.Json(new ErrorBody(message), statusCode: StatusCodes.Status401Unauthorized);

    private static SandboxCaller Fail(string message) => new(null, null, Unauthorized(message));

    internal static string? First(StringValues values) => values.Count > 0 ? values[0] : null;
}

/// <summary>Garmin's error body: <c>{"errorMessage":"..."}</c>.</summary>
internal sealed record ErrorBody(string ErrorMessage);
