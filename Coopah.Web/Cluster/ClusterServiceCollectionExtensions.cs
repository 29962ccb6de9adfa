using Coopah.Web.Data;

namespace Coopah.Web.Cluster;

public static class ClusterServiceCollectionExtensions
{
    /// <summary>Membership with a heartbeat, and named locks that hold across instances on PostgreSQL.</summary>
    public static WebApplicationBuilder AddCoopahCluster(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ClusterMembership>();
        builder.Services.AddHostedService<ClusterHeartbeatService>();
        if (DatabaseOptions.ProviderOf(builder.Configuration) == DatabaseProvider.Postgres)
        {
            builder.Services.AddSingleton<DatabaseLocks, PostgresAdvisoryLocks>();
        }
        else
        {
            builder.Services.AddSingleton<DatabaseLocks, InProcessDatabaseLocks>();
        }

        return builder;
    }
}
