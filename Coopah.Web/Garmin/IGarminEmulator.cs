using Coopah.Core.Garmin;

namespace Coopah.Web.Garmin;

/// <summary>
/// The one seam through which a Garmin emulator plugs into the product. AddGarminSandbox registers the sandbox's
/// implementation in Development and Demo; in production nothing implements it and every caller skips it, so no
/// production folder knows the sandbox exists.
/// </summary>
public interface IGarminEmulator
{
    /// <summary>The emulator's own admin page, offered in the navigation.</summary>
    string AdminPagePath { get; }

    /// <summary>Points every Garmin API base URL at the emulator.</summary>
    GarminOptions Redirect(GarminOptions options);

    /// <summary>Where the browser goes to approve a link, given the origin it reached us on and who is linking.</summary>
    Uri ConsentUrl(Uri consent, Uri origin, string? userLabel);

    /// <summary>Records and delivers the run a runner without a watch would have run on <paramref name="date"/>.</summary>
    Task<EmulatedRun> SimulateRunAsync(string runnerId, DateOnly? date, CancellationToken cancellationToken = default);
}

/// <summary>What a simulated run did, in words for the runner.</summary>
public sealed record EmulatedRun(bool Succeeded, string Message);
