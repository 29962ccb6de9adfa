using Coopah.Core.Garmin;

namespace Coopah.Web.Tests.Core.Garmin;

/// <summary>The four Garmin API areas over one shared transport, so a test sees every request on one fake handler.</summary>
public sealed class GarminApiClients(GarminHttpTransport transport)
{
    public GarminOAuthClient OAuth { get; } = new(transport);

    public GarminUserClient Users { get; } = new(transport);

    public GarminTrainingClient Training { get; } = new(transport);

    public GarminCallbackClient Callbacks { get; } = new(transport);
}
