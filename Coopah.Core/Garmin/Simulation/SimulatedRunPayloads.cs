using System.Text.Json;
using Coopah.Core.Fit;

namespace Coopah.Core.Garmin.Simulation;

/// <summary>The three things Garmin delivers for a run: the summary, the details (samples and laps), and the FIT file.</summary>
public static class SimulatedRunPayloads
{
    public const string DeviceName = "Forerunner 265 (Coopah sandbox)";

    /// <summary>The FIT file id of every simulated file: a development-manufacturer device standing in for the watch named above.</summary>
    private const int SandboxProduct = 265;
    private const long SandboxSerialNumber = 4242;

    /// <summary>An <c>activities</c> body (push form) for one run.</summary>
    public static byte[] ActivitiesBody(SimulatedRun run, string garminUserId, long activityId, string name) =>
        Write(w =>
        {
            w.WriteStartArray("activities");
            w.WriteStartObject();
            WriteSummaryFields(w, run, name, activityId);
            w.WriteString("userId", garminUserId);
            w.WriteString("summaryId", activityId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteEndObject();
            w.WriteEndArray();
        });

    /// <summary>An <c>activityDetails</c> body: the summary plus every sample and the lap start times.</summary>
    public static byte[] ActivityDetailsBody(SimulatedRun run, string garminUserId, long activityId, string name) =>
        Write(w =>
        {
            w.WriteStartArray("activityDetails");
            w.WriteStartObject();
            w.WriteString("userId", garminUserId);
            w.WriteString("summaryId", activityId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-detail");
            w.WriteNumber("activityId", activityId);
            w.WriteStartObject("summary");
            WriteSummaryFields(w, run, name, activityId);
            w.WriteEndObject();
            w.WriteStartArray("samples");
            var start = run.StartUtc;
            foreach (var s in run.Samples)
            {
                var elapsed = Math.Round((s.Time - start).TotalSeconds);
                w.WriteStartObject();
                w.WriteNumber("startTimeInSeconds", Epoch(s.Time));
                w.WriteNumber("latitudeInDegree", Math.Round(s.Latitude, 7));
                w.WriteNumber("longitudeInDegree", Math.Round(s.Longitude, 7));
                w.WriteNumber("elevationInMeters", Math.Round(s.ElevationMetres, 1));
                w.WriteNumber("heartRate", s.HeartRate);
                w.WriteNumber("speedMetersPerSecond", Math.Round(s.SpeedMetresPerSecond, 3));
                w.WriteNumber("totalDistanceInMeters", Math.Round(s.DistanceMetres, 2));
                w.WriteNumber("timerDurationInSeconds", elapsed);
                w.WriteNumber("clockDurationInSeconds", elapsed);
                w.WriteNumber("movingDurationInSeconds", elapsed);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("laps");
            foreach (var lap in run.Laps)
            {
                w.WriteStartObject();
                w.WriteNumber("startTimeInSeconds", (long)Math.Round((lap.Start - DateTime.UnixEpoch).TotalSeconds));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
        });

    /// <summary>
    /// A FIT activity file written by our encoder: records at the sample times, the laps with their totals (step laps or auto-laps), and
    /// the workout's name (as a watch writes the workout it ran) when there was one.
    /// </summary>
    public static byte[] FitFile(SimulatedRun run, string? workoutName = null)
    {
        var records = new FitRecordList();
        foreach (var s in run.Samples)
        {
            records.Add() = FitRecord.At(s.Time, s.Latitude, s.Longitude, s.DistanceMetres, s.SpeedMetresPerSecond, s.ElevationMetres, s.HeartRate);
        }

        var laps = run.Laps.Select((lap, i) => new FitLap(
            lap.Start, lap.End, lap.Seconds, lap.Seconds, lap.DistanceMetres, lap.AverageSpeed, lap.AverageSpeed,
            lap.AverageHeartRate, lap.MaxHeartRate, "running", null, LapTrigger(lap, i == run.Laps.Count - 1),
            FitIntensity(lap.Intensity), lap.StepIndex, "lap", "stop", i)).ToList();
        var session = new FitSession(
            run.StartUtc, run.EndUtc, run.DurationSeconds, run.DurationSeconds, run.DistanceMetres, run.AverageSpeed, run.MaxSpeed,
            run.AverageHeartRate, run.MaxHeartRate, "running", "generic", 0, laps.Count, "activity_end", "session", "stop", 0);
        var events = new List<FitEvent>
        {
            new(run.StartUtc, "timer", "start", 0, 0),
            new(run.EndUtc, "timer", "stop_all", 0, 0),
        };
        var workout = workoutName is null ? null : new FitWorkout(workoutName, "running", null, []);
        var activity = new FitActivity(new FitFileId("activity", "development", SandboxProduct, SandboxSerialNumber, run.StartUtc), [session], laps, records, events, workout);
        return FitEncoder.EncodeActivity(activity);
    }

    /// <summary>A workout step's lap ends by the step (written as manual); an auto-lap by distance.</summary>
    private static string LapTrigger(SimulatedLap lap, bool last) => last ? "session_end" : lap.StepIndex is null ? "distance" : "manual";

    private static string FitIntensity(string garminIntensity) => garminIntensity switch
    {
        "WARMUP" => "warmup",
        "COOLDOWN" => "cooldown",
        "RECOVERY" => "recovery",
        "REST" => "rest",
        "INTERVAL" => "interval",
        _ => "active",
    };

    private static void WriteSummaryFields(Utf8JsonWriter w, SimulatedRun run, string name, long activityId)
    {
        w.WriteNumber("activityId", activityId);
        w.WriteString("activityName", name);
        w.WriteString("activityType", "RUNNING");
        w.WriteNumber("startTimeInSeconds", Epoch(run.StartUtc));
        w.WriteNumber("startTimeOffsetInSeconds", run.OffsetSeconds);
        w.WriteNumber("durationInSeconds", (long)Math.Round(run.DurationSeconds));
        w.WriteNumber("distanceInMeters", Math.Round(run.DistanceMetres, 2));
        w.WriteNumber("averageSpeedInMetersPerSecond", Math.Round(run.AverageSpeed, 3));
        w.WriteNumber("maxSpeedInMetersPerSecond", Math.Round(run.MaxSpeed, 3));
        w.WriteNumber("averageHeartRateInBeatsPerMinute", run.AverageHeartRate);
        w.WriteNumber("maxHeartRateInBeatsPerMinute", run.MaxHeartRate);
        w.WriteString("deviceName", DeviceName);
        w.WriteBoolean("manual", false);
    }

    private static long Epoch(DateTime utc) => (long)Math.Floor((utc - DateTime.UnixEpoch).TotalSeconds);

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
