using Coopah.Web.Data;
using Coopah.Web.Sandbox;

namespace Coopah.Web.Hosting;

/// <summary>
/// Start-up refusals for configurations that are fine on a laptop but unsafe when deployed: OAuth callback URLs taken
/// from the Host header (Production), and the shipped development secrets or obviously weak ones (anywhere but
/// Development and Demo). The key ring (<see cref="KeyRingOptions"/>) and the sandbox are checked here too, so one message lists everything.
/// </summary>
public static class DeploymentChecks
{
    /// <summary>Secret values that ship in this repository (appsettings.Development.json, appsettings.Demo.json, sandbox defaults).</summary>
    internal static readonly string[] ShippedSecrets =
        ["sandbox-dev-secret-0123456789abcdef", "sandbox-client-secret", "sandbox-consumer-secret"];

    private static readonly string[] SecretKeys = ["GarminWebhooks:PathSecret", "Garmin:ClientSecret", "Garmin:ConsumerSecret"];

    private static readonly string[] Placeholders = ["changeme", "password", "secret", "placeholder", "example", "default", "xxx"];

    /// <summary>Stops the host with every problem listed, before anything is registered.</summary>
    public static WebApplicationBuilder EnsureDeploymentSafe(this WebApplicationBuilder builder)
    {
        var problems = Find(builder.Configuration, builder.Environment);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"Coopah refuses to start in the {builder.Environment.EnvironmentName} environment:"
                + string.Concat(problems.Select(p => Environment.NewLine + " - " + p))
                + Environment.NewLine + "See README.md, \"Running in production\".");
        }

        return builder;
    }

    public static IReadOnlyList<string> Find(IConfiguration configuration, IHostEnvironment environment)
    {
        var problems = new List<string>();
        if (SandboxProblem(configuration, environment) is { } sandbox)
        {
            problems.Add(sandbox);
        }

        if (environment.IsProduction())
        {
            var data = configuration.GetSection(DataOptions.SectionName).Get<DataOptions>() ?? new DataOptions();
            var keyRing = configuration.GetSection(KeyRingOptions.SectionName).Get<KeyRingOptions>() ?? new KeyRingOptions();
            if (keyRing.ProductionProblem(DatabaseOptions.ProviderOf(configuration), Path.GetFullPath(data.DataDirectory, environment.ContentRootPath), environment.ContentRootPath) is { } keys)
            {
                problems.Add(keys);
            }

            if (CallbackProblem(configuration) is { } callback)
            {
                problems.Add(callback);
            }
        }

        if (!CoopahEnvironments.IsDevelopmentOrDemo(environment))
        {
            // Checked again by the webhook options; listed here so one message names everything to fix.
            if (string.IsNullOrWhiteSpace(configuration["GarminWebhooks:PathSecret"]))
            {
                problems.Add("GarminWebhooks:PathSecret is not set; set a long random value (for example `openssl rand -hex 32`).");
            }

            foreach (var key in SecretKeys)
            {
                if (configuration[key] is { Length: > 0 } value && WeakReason(value) is { } reason)
                {
                    // Never the value itself: this message ends up in logs.
                    problems.Add($"{key} {reason}; set a long random value (for example `openssl rand -hex 32`).");
                }
            }
        }

        return problems;
    }

    /// <summary>The sandbox (on by default in Development and Demo) switched on where it must not run.</summary>
    internal static string? SandboxProblem(IConfiguration configuration, IHostEnvironment environment)
    {
        var enabled = configuration.GetValue<bool?>($"{GarminSandboxOptions.SectionName}:{nameof(GarminSandboxOptions.Enabled)}")
            ?? CoopahEnvironments.IsDevelopmentOrDemo(environment);
        return enabled && !CoopahEnvironments.AllowsSandbox(environment)
            ? $"GarminSandbox:Enabled is true in {environment.EnvironmentName}. The Garmin sandbox emulates Garmin and accepts any "
              + "sign-in; it runs only in Development and Demo. Remove the setting (or set it to false) and configure real Garmin keys."
            : null;
    }

    /// <summary>
    /// Without a configured callback URL the Garmin redirect_uri (and the consent URL) is built from the request's
    /// Host header, which a client chooses; that is acceptable only when host filtering pins the host names.
    /// </summary>
    internal static string? CallbackProblem(IConfiguration configuration)
    {
        var oauth1 = string.Equals(configuration["Garmin:Mode"], "OAuth1", StringComparison.OrdinalIgnoreCase);
        var key = oauth1 ? "Garmin:OAuth1CallbackUri" : "Garmin:OAuth2RedirectUri";
        var path = oauth1 ? "/garmin/callback" : "/garmin/oauth2/callback";
        var configured = configuration[key];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Uri.TryCreate(configured, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                ? null
                : $"{key} must be an absolute http(s) URL (the one registered with Garmin, e.g. https://coopah.example{path}).";
        }

        var hosts = (configuration["AllowedHosts"] ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return hosts.Length > 0 && !hosts.Contains("*", StringComparer.Ordinal)
            ? null
            : $"{key} is not set and AllowedHosts allows any host, so the Garmin callback URL would come from the request's Host "
              + $"header. Set {key} to the URL registered with Garmin (e.g. https://coopah.example{path}), or AllowedHosts to this "
              + "site's host names.";
    }

    /// <summary>Why a secret is obviously guessable, or null.</summary>
    internal static string? WeakReason(string value)
    {
        if (ShippedSecrets.Any(s => string.Equals(s, value, StringComparison.OrdinalIgnoreCase))
            || value.Contains("sandbox-dev-secret", StringComparison.OrdinalIgnoreCase))
        {
            return "is the development value shipped with Coopah";
        }

        if (value.Length < 16)
        {
            return "is shorter than 16 characters";
        }

        if (value.Distinct().Count() < 8)
        {
            return "uses fewer than 8 different characters";
        }

        var plain = new string(value.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        return Placeholders.Any(p => plain.StartsWith(p, StringComparison.Ordinal) && plain[p.Length..].All(char.IsAsciiDigit))
            ? "is a placeholder"
            : null;
    }
}
