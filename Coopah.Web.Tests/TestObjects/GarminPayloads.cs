using System.Globalization;

namespace Coopah.Web.Tests.TestObjects;

/// <summary>Notification bodies shaped as in the Garmin spec (sections 3 and 4), several users per body.</summary>
public static class GarminPayloads
{
    public static string Summary(string userId, string summaryId, int durationSeconds = 1800, double distance = 5400, long start = 1767250800, int offset = 3600, string name = "Morning Run") =>
        string.Create(CultureInfo.InvariantCulture,
            $$"""{"userId":"{{userId}}","summaryId":"{{summaryId}}","activityId":{{summaryId.Length}}9001,"activityName":"{{name}}","activityType":"RUNNING","startTimeInSeconds":{{start}},"startTimeOffsetInSeconds":{{offset}},"durationInSeconds":{{durationSeconds}},"distanceInMeters":{{distance}},"averageSpeedInMetersPerSecond":3.0,"averageHeartRateInBeatsPerMinute":150,"maxHeartRateInBeatsPerMinute":171,"deviceName":"Forerunner 265"}""");

    public static string Activities(params string[] items) => $$"""{"activities":[{{string.Join(',', items)}}]}""";

    public static string ManuallyUpdated(params string[] items) => $$"""{"manuallyUpdatedActivities":[{{string.Join(',', items)}}]}""";

    public static string Details(string userId, string summaryId) =>
        $$"""
        {"activityDetails":[{"userId":"{{userId}}","summaryId":"{{summaryId}}","activityId":9001,
         "summary":{"activityType":"RUNNING","startTimeInSeconds":1767250800,"startTimeOffsetInSeconds":3600,
          "durationInSeconds":1800,"distanceInMeters":5400.0,"averageSpeedInMetersPerSecond":3.0,
          "averageHeartRateInBeatsPerMinute":150,"deviceName":"Forerunner 265"},
         "samples":[{"startTimeInSeconds":1767250800,"heartRate":120,"speedMetersPerSecond":2.9,"totalDistanceInMeters":0.0,"timerDurationInSeconds":0,"clockDurationInSeconds":0,"movingDurationInSeconds":0},
                    {"startTimeInSeconds":1767250803,"heartRate":124,"speedMetersPerSecond":3.0,"totalDistanceInMeters":9.0,"timerDurationInSeconds":3,"clockDurationInSeconds":3,"movingDurationInSeconds":3}],
         "laps":[{"startTimeInSeconds":1767250800},{"startTimeInSeconds":1767251160}]}]}
        """;

    public static string Deregistrations(params string[] userIds) =>
        $$"""{"deregistrations":[{{string.Join(',', userIds.Select(u => $$"""{"userId":"{{u}}"}"""))}}]}""";

    public static string PermissionsChange(string userId, params string[] permissions) =>
        $$"""{"userPermissionsChange":[{"userId":"{{userId}}","summaryId":"x120d383-60256e84","permissions":[{{string.Join(',', permissions.Select(p => $"\"{p}\""))}}],"changeTimeInSeconds":1613065860}]}""";

    public static string Ping(string type, string userId, string callbackUrl) =>
        $$"""{"{{type}}":[{"userId":"{{userId}}","callbackURL":"{{callbackUrl}}"}]}""";

    public static string FilePing(string userId, string summaryId, string callbackUrl) =>
        $$"""{"activityFiles":[{"userId":"{{userId}}","summaryId":"{{summaryId}}","fileType":"FIT","callbackURL":"{{callbackUrl}}","activityId":9001,"activityType":"RUNNING","startTimeInSeconds":1767250800,"manual":false}]}""";
}
