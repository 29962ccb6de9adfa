using System.Net;
using System.Text.RegularExpressions;

namespace Coopah.Web.Tests.Infrastructure;

/// <summary>Drives the link flow over HTTP the way a browser would: our connect form, the sandbox consent form, our callback.</summary>
public static partial class GarminLinkDriver
{
    /// <summary>Posts the Connect form (with its antiforgery token) and returns where we were sent.</summary>
    public static async Task<Uri> StartAsync(HttpClient runner, IEnumerable<KeyValuePair<string, string>>? extra = null)
    {
        var form = await PortalClient.ReadFormAsync(runner, "/garmin");
        var fields = form.Where(f => f.Key == "__RequestVerificationToken").ToList();
        fields.AddRange(extra ?? []);
        using var response = await runner.PostAsync("/garmin/connect", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!;
    }

    /// <summary>Answers the sandbox consent page; returns Garmin's redirect back to us.</summary>
    public static async Task<Uri> ConsentAsync(HttpClient browser, Uri consentUrl, bool approve = true, string? login = null, IEnumerable<string>? permissions = null)
    {
        var html = await browser.GetStringAsync(consentUrl.PathAndQuery);
        var fields = HiddenInput().Matches(html)
            .Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups["name"].Value), WebUtility.HtmlDecode(m.Groups["value"].Value)))
            .ToList();
        var defaultLogin = WebUtility.HtmlDecode(LoginInput().Match(html).Groups["value"].Value);
        fields.Add(new("login", login ?? defaultLogin));
        foreach (var permission in permissions ?? ["ACTIVITY_EXPORT", "WORKOUT_IMPORT"])
        {
            fields.Add(new("permission", permission));
        }

        fields.Add(new("decision", approve ? "approve" : "deny"));
        using var response = await browser.PostAsync(consentUrl.AbsolutePath, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!;
    }

    /// <summary>Follows Garmin's redirect to our callback; returns the message key the Garmin page is given.</summary>
    public static async Task<string> FinishAsync(HttpClient runner, Uri callback)
    {
        using var response = await runner.GetAsync(callback.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/garmin?message=", location, StringComparison.Ordinal);
        return location["/garmin?message=".Length..];
    }

    public static async Task<string> LinkAsync(HttpClient runner, string? login = null, IEnumerable<string>? permissions = null)
    {
        var consent = await StartAsync(runner);
        var callback = await ConsentAsync(runner, consent, approve: true, login, permissions);
        return await FinishAsync(runner, callback);
    }

    public static async Task<string> DisconnectAsync(HttpClient runner)
    {
        var form = await PortalClient.ReadFormAsync(runner, "/garmin");
        using var response = await runner.PostAsync("/garmin/disconnect",
            new FormUrlEncodedContent(form.Where(f => f.Key == "__RequestVerificationToken")));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString["/garmin?message=".Length..];
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("name=\"login\"[^>]*value=\"(?<value>[^\"]*)\"")]
    private static partial Regex LoginInput();
}
