using Coopah.Core.Fit;

namespace Coopah.Web.Tests.Core.Fit;

/// <summary>Small FIT files built in-process with our writer (no oracle needed).</summary>
internal static class FitTestFiles
{
    public static readonly DateTime Start = new(2024, 5, 4, 6, 30, 0, DateTimeKind.Utc);

    /// <summary>A short run: file_id, timer events with one pause, 1 Hz records, 2 laps, session, activity.</summary>
    public static FitActivity Run(int seconds = 300, int pauseAt = 120, int pauseFor = 30)
    {
        var records = new FitRecordList();
        var t = Start;
        var distance = 0.0;
        var events = new List<FitEvent> { new(Start, "timer", "start", 0, 0) };
        for (var i = 0; i < seconds; i++)
        {
            if (i == pauseAt)
            {
                events.Add(new FitEvent(t.AddSeconds(-1), "timer", "stop_all", 0, 0));
                t = t.AddSeconds(pauseFor);
                events.Add(new FitEvent(t, "timer", "start", 0, 0));
            }

            ref var r = ref records.Add();
            r.Timestamp = FitValues.FromDateTime(t);
            r.PositionLat = FitValues.DegreesToSemicircles(52.5 + i * 1e-5);
            r.PositionLong = FitValues.DegreesToSemicircles(13.4 + i * 1e-5);
            r.SetDistanceMeters(distance);
            r.SpeedRaw = (uint)(3000 + i % 200);
            r.AltitudeRaw = (uint)((35 + 500) * 5 + i % 10);
            r.HeartRate = (byte)(120 + i % 50);
            r.Cadence = 85;
            distance += 3.0;
            t = t.AddSeconds(1);
        }

        var end = t.AddSeconds(-1);
        events.Add(new FitEvent(end, "timer", "stop_all", 0, 0));
        var half = Start.AddSeconds(150);
        var laps = new List<FitLap>
        {
            new(Start, half, 150, 150, 450, 3.0, 3.2, 140, 160, "running", null, "distance", "active", 0, "lap", "stop", 0),
            new(half, end, (end - half).TotalSeconds, (end - half).TotalSeconds - pauseFor, 450, 3.0, 3.2, 150, 170, "running", null, "session_end", "active", 1, "lap", "stop", 1),
        };
        var session = new FitSession(Start, end, (end - Start).TotalSeconds, seconds, distance, 3.0, 3.2, 145, 170, "running", "generic", 0, 2, "activity_end", "session", "stop", 0);
        return new FitActivity(new FitFileId("activity", "development", 0, 12345, Start), [session], laps, records, events, null);
    }

    public static byte[] RunBytes(int seconds = 300, bool bigEndian = false) => FitEncoder.EncodeActivity(Run(seconds), bigEndian);
}
