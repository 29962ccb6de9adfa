namespace Coopah.Web.Plans;

public static class PlansServiceCollectionExtensions
{
    /// <summary>Plan templates (admin) and the runner's goal and calendar.</summary>
    public static WebApplicationBuilder AddCoopahPlans(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PlanLibrary>();
        builder.Services.AddSingleton<RunnerCalendar>();
        builder.Services.AddTransient<SessionFitExport>();
        return builder;
    }
}
