namespace Coopah.Web.Hosting;

/// <summary>The environment names Coopah treats specially, in one place.</summary>
public static class CoopahEnvironments
{
    public const string Demo = "Demo";

    /// <summary>The environment of the automated test hosts (Coopah.Web.Tests); never a deployment.</summary>
    public const string Testing = "Testing";

    /// <summary>Development and Demo: the shipped development secrets and the demo data are meant for them.</summary>
    public static bool IsDevelopmentOrDemo(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment(Demo);

    /// <summary>
    /// Where the Garmin sandbox may run: Development, Demo, and the test hosts that exercise it. Anywhere else
    /// (Staging, Production, a typo) it would hand out Garmin tokens to anyone.
    /// </summary>
    public static bool AllowsSandbox(IHostEnvironment environment) =>
        IsDevelopmentOrDemo(environment) || environment.IsEnvironment(Testing);
}
