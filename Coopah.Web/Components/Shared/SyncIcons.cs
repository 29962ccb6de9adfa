using Coopah.Web.Garmin.Sync;
using MudBlazor;

namespace Coopah.Web.Components.Shared;

/// <summary>One icon and colour per sync state, shared by the calendar chip and the session page.</summary>
public static class SyncIcons
{
    public static string For(SessionSyncKind kind) => kind switch
    {
        SessionSyncKind.OnGarmin => Icons.Material.Filled.Watch,
        SessionSyncKind.Pending => Icons.Material.Filled.CloudUpload,
        SessionSyncKind.Failed => Icons.Material.Filled.SyncProblem,
        SessionSyncKind.NotLinked => Icons.Material.Filled.LinkOff,
        _ => Icons.Material.Filled.Schedule,
    };

    public static Color ColorFor(SessionSyncKind kind) => kind switch
    {
        SessionSyncKind.OnGarmin => Color.Success,
        SessionSyncKind.Failed => Color.Error,
        _ => Color.Default,
    };

    /// <summary>The states a linked runner's sessions can be in, as the calendar legend lists them.</summary>
    public static IReadOnlyList<(SessionSyncKind Kind, string Text)> Legend { get; } =
    [
        (SessionSyncKind.OnGarmin, "On your Garmin"),
        (SessionSyncKind.Pending, "Sending to Garmin"),
        (SessionSyncKind.NotScheduled, "Goes to Garmin later (open the session for the day)"),
        (SessionSyncKind.Failed, "Sync failed (open the session for why)"),
    ];
}
