using System.Globalization;
using System.Text.Json;
using Coopah.Core.Garmin.Push;

namespace Coopah.Web.Sandbox;

/// <summary>Bodies of the lifecycle notifications the sandbox sends (spec section 4), ready for <see cref="SandboxPushSender"/>.</summary>
public static class SandboxNotifications
{
    public const string DeregistrationsType = GarminNotificationKeys.Deregistrations;
    public const string UserPermissionsChangeType = GarminNotificationKeys.UserPermissionsChange;

    /// <summary><c>{"deregistrations":[{"userId":..[,"userAccessToken":..]}]}</c>; the token only for OAuth1 users.</summary>
    public static byte[] Deregistration(string garminUserId, string? userAccessToken = null)
    {
        var item = new Dictionary<string, object> { ["userId"] = garminUserId };
        if (userAccessToken is not null)
        {
            item["userAccessToken"] = userAccessToken;
        }

        return JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { [DeregistrationsType] = new[] { item } });
    }

    /// <summary><c>{"userPermissionsChange":[{"userId","summaryId","permissions",changeTimeInSeconds}]}</c>.</summary>
    public static byte[] UserPermissionsChange(string garminUserId, IEnumerable<string> permissions, DateTimeOffset changedAt) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            [UserPermissionsChangeType] = new[]
            {
                new Dictionary<string, object>
                {
                    ["userId"] = garminUserId,
                    ["summaryId"] = "perm-" + changedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                    ["permissions"] = permissions.ToList(),
                    ["changeTimeInSeconds"] = changedAt.ToUnixTimeSeconds(),
                },
            },
        });
}
