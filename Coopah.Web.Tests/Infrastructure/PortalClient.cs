using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Coopah.Web.Tests.Infrastructure;

/// <summary>Signs in through the real Identity login form (antiforgery and all) and keeps the cookie.</summary>
public static partial class PortalClient
{
    public static HttpClient CreateAnonymous(this WebApplicationFactory<Program> factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<HttpClient> SignInAsync(this WebApplicationFactory<Program> factory, string email, string password)
    {
        var client = factory.CreateAnonymous();
        var form = await ReadFormAsync(client, "/Account/Login");
        form["Input.Email"] = email;
        form["Input.Password"] = password;

        using var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(form));

        if (response.StatusCode != HttpStatusCode.Redirect || !response.Headers.Contains("Set-Cookie"))
        {
            throw new InvalidOperationException($"Sign-in of {email} failed with {(int)response.StatusCode}.");
        }

        return client;
    }

    /// <summary>The hidden fields (antiforgery token, Blazor form handler) of the first form on the page.</summary>
    public static async Task<Dictionary<string, string>> ReadFormAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in HiddenInput().Matches(html))
        {
            fields.TryAdd(WebUtility.HtmlDecode(match.Groups["name"].Value), WebUtility.HtmlDecode(match.Groups["value"].Value));
        }

        return fields;
    }

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInput();
}
