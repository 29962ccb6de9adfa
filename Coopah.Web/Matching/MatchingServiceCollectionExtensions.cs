namespace Coopah.Web.Matching;

public static class MatchingServiceCollectionExtensions
{
    /// <summary>Run matching: the per-runner job, its kicker and sweep, and the queries the pages use.</summary>
    public static WebApplicationBuilder AddCoopahMatching(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MatchingOptions>().BindConfiguration(MatchingOptions.SectionName);
        services.AddSingleton<MatchingKicker>();
        services.AddTransient<MatchRunJob>();
        services.AddTransient<MatchingSweepJob>();
        services.AddTransient<RunPairing>();
        services.AddTransient<ReviewDesk>();
        services.AddTransient<RunDetails>();
        services.AddTransient<AthleteDesk>();
        return builder;
    }
}
