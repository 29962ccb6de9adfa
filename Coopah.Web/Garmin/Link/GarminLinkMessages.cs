using MudBlazor;

namespace Coopah.Web.Garmin.Link;

/// <summary>
/// The outcomes of the link flow, passed to the Garmin page as a key in the query string. The page shows only
/// these texts, never free text from the URL, so a crafted link cannot put words in our mouth.
/// </summary>
public static class GarminLinkMessages
{
    public const string Linked = "linked";
    public const string Denied = "denied";
    public const string Expired = "expired";
    public const string Replayed = "replayed";
    public const string WrongUser = "wrong-user";
    public const string InvalidCallback = "invalid-callback";
    public const string GarminUnavailable = "garmin-unavailable";
    public const string GarminRejected = "garmin-rejected";
    public const string AlreadyLinked = "already-linked";
    public const string Disconnected = "disconnected";
    public const string DisconnectFailed = "disconnect-failed";
    public const string NotLinked = "not-linked";
    public const string NotConfigured = "not-configured";

    private static readonly Dictionary<string, (Severity Severity, string Text)> Texts = new(StringComparer.Ordinal)
    {
        [Linked] = (Severity.Success, "Your Garmin account is linked. Workouts will go to your watch and runs will come back here."),
        [Denied] = (Severity.Warning, "You declined access on Garmin's page, so nothing was linked."),
        [Expired] = (Severity.Warning, "The Garmin sign-in took longer than 15 minutes and expired. Please connect again."),
        [Replayed] = (Severity.Error, "This Garmin response was already used or is unknown. Please connect again."),
        [WrongUser] = (Severity.Error, "This Garmin response belongs to a sign-in started by another Coopah user, so it was refused."),
        [InvalidCallback] = (Severity.Error, "Garmin's response was incomplete. Please connect again."),
        [GarminUnavailable] = (Severity.Error, "Garmin could not be reached or had a problem. Nothing was linked; please try again later."),
        [GarminRejected] = (Severity.Error, "Garmin refused the authorization. Nothing was linked; please connect again."),
        [AlreadyLinked] = (Severity.Error, "This Garmin account is already linked to another Coopah runner. Disconnect it there first."),
        [Disconnected] = (Severity.Success, "Your Garmin account is disconnected and its tokens are deleted."),
        [DisconnectFailed] = (Severity.Error, "Garmin could not be reached to disconnect. Your link is unchanged; please try again later."),
        [NotLinked] = (Severity.Info, "No Garmin account is linked."),
        [NotConfigured] = (Severity.Error, "Garmin is not set up on this Coopah server yet. Please tell your administrator."),
    };

    /// <summary>The text for a known key; null for anything else.</summary>
    public static (Severity Severity, string Text)? Find(string? key) =>
        key is not null && Texts.TryGetValue(key, out var text) ? text : null;
}
