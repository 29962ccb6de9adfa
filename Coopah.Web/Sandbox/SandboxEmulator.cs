using Coopah.Core.Garmin;
using Coopah.Core.Garmin.OAuth;
using Coopah.Web.Garmin;
using Microsoft.Extensions.Options;

namespace Coopah.Web.Sandbox;

/// <summary>The sandbox behind the product's one emulator seam.</summary>
internal sealed class SandboxEmulator(SandboxAddress address, IOptions<GarminSandboxOptions> options, IServiceProvider services) : IGarminEmulator
{
    public string AdminPagePath => "sandbox";

    public GarminOptions Redirect(GarminOptions garmin) => address.Apply(garmin);

    public Uri ConsentUrl(Uri consent, Uri origin, string? userLabel)
    {
        // Our server reaches the sandbox at its own listening address, which a browser elsewhere (Demo behind a
        // proxy) cannot; unless a public sandbox URL is configured, send the browser to the host it used.
        if (options.Value.BaseUrl is null)
        {
            consent = new Uri(origin, consent.PathAndQuery.TrimStart('/'));
        }

        // The sandbox's consent page shows which Coopah user is linking; real Garmin never sees this parameter.
        return string.IsNullOrEmpty(userLabel) ? consent : OAuthEncoding.AppendQuery(consent, [new("coopah_user", userLabel)]);
    }

    public async Task<EmulatedRun> SimulateRunAsync(string runnerId, DateOnly? date, CancellationToken cancellationToken = default)
    {
        var result = await services.GetRequiredService<SandboxRunSimulator>().SimulateAsync(runnerId, date, cancellationToken: cancellationToken);
        return new EmulatedRun(result.Succeeded, result.Message);
    }
}
