using System.Text;
using System.Text.Encodings.Web;

namespace Coopah.Web.Sandbox;

/// <summary>The sandbox's stand-in for Garmin Connect's consent screen (plain HTML, as it belongs to "another site").</summary>
internal static class SandboxConsentPage
{
    public static string Render(string action, string protocol, string? coopahUser, IEnumerable<KeyValuePair<string, string?>> hidden)
    {
        var login = string.IsNullOrWhiteSpace(coopahUser) ? "sandbox-runner" : coopahUser;
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Garmin Connect (sandbox) · Authorize Coopah</title>
            <style>
            body{font-family:system-ui,sans-serif;background:#f2f4f7;margin:0;color:#1d2433}
            header{background:#000;color:#fff;padding:14px 24px;font-weight:600;letter-spacing:.02em}
            header span{background:#ffb300;color:#000;border-radius:4px;padding:2px 6px;margin-left:8px;font-size:12px}
            main{max-width:560px;margin:32px auto;background:#fff;border-radius:10px;padding:28px;box-shadow:0 2px 10px #0002}
            h1{font-size:22px;margin-top:0} .who{background:#eef6ff;border-radius:6px;padding:10px 14px;margin:14px 0}
            label{display:block;margin:6px 0} input[type=text]{width:100%;padding:8px;font-size:15px;box-sizing:border-box}
            .buttons{display:flex;gap:12px;margin-top:20px} button{font-size:16px;padding:10px 22px;border-radius:6px;border:0;cursor:pointer}
            .approve{background:#0071c5;color:#fff} .deny{background:#e4e7ec;color:#1d2433} small{color:#667085}
            </style></head><body>
            <header>Garmin Connect<span>SANDBOX</span></header>
            <main data-testid="sandbox-consent">
            <h1>Coopah wants to connect to your Garmin account</h1>
            """);
        html.Append("<div class=\"who\" data-testid=\"sandbox-coopah-user\">Linking Coopah user: <strong>")
            .Append(Encode(coopahUser ?? "(not given)")).Append("</strong></div>");
        html.Append("<form method=\"post\" action=\"").Append(Encode(action)).Append("\">");
        foreach (var (name, value) in hidden)
        {
            if (value is not null)
            {
                html.Append("<input type=\"hidden\" name=\"").Append(Encode(name)).Append("\" value=\"").Append(Encode(value)).Append("\">");
            }
        }

        html.Append("<label>Garmin account (sign-in name)<input type=\"text\" name=\"login\" data-testid=\"sandbox-login\" value=\"")
            .Append(Encode(login)).Append("\"></label>");
        html.Append("<p>Share with Coopah:</p>");
        foreach (var permission in SandboxAccounts.AllPermissions)
        {
            // Garmin leaves historical data off by default on its consent screen.
            var isChecked = permission != "HISTORICAL_DATA_EXPORT" ? " checked" : "";
            html.Append("<label><input type=\"checkbox\" name=\"permission\" value=\"").Append(permission).Append('"').Append(isChecked)
                .Append("> ").Append(permission).Append("</label>");
        }

        html.Append("""
            <div class="buttons">
            <button class="approve" type="submit" name="decision" value="approve" data-testid="sandbox-approve">Agree</button>
            <button class="deny" type="submit" name="decision" value="deny" data-testid="sandbox-deny">Deny</button>
            </div>
            """);
        html.Append("<p><small>").Append(Encode(protocol)).Append(" · emulated by Coopah's built-in Garmin sandbox; no data leaves this machine.</small></p>");
        html.Append("</form></main></body></html>");
        return html.ToString();
    }

    public static string Message(string title, string text) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Garmin Connect (sandbox)</title></head>"
        + "<body style=\"font-family:system-ui,sans-serif;margin:40px\"><h1>" + Encode(title) + "</h1><p data-testid=\"sandbox-message\">"
        + Encode(text) + "</p></body></html>";

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
