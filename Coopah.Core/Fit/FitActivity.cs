using System.Globalization;

namespace Coopah.Core.Fit;

/// <summary>
/// Typed view of an activity file: sessions, laps, records, events (with timer pauses) and the workout.
/// Enum values are profile names (unknown values as their number in text).
/// </summary>
public sealed record FitActivity(
    FitFileId? FileId,
    IReadOnlyList<FitSession> Sessions,
    IReadOnlyList<FitLap> Laps,
    IReadOnlyList<FitRecord> Records,
    IReadOnlyList<FitEvent> Events,
    FitWorkout? Workout)
{
    public static FitActivity From(FitFile file) => new(
        file.MessagesOf(FitProfile.FileId).Select(FitFileId.From).FirstOrDefault(),
        file.MessagesOf(FitProfile.Session).Select(FitSession.From).ToList(),
        file.MessagesOf(FitProfile.Lap).Select(FitLap.From).ToList(),
        file.Records,
        file.MessagesOf(FitProfile.Event).Select(FitEvent.From).ToList(),
        FitWorkout.From(file));

    public static FitActivity Decode(ReadOnlySpan<byte> data, FitDecodeOptions? options = null) => From(FitDecoder.Decode(data, options));

    /// <summary>Timer pauses: a timer stop/stop_all event up to the next timer start (open-ended if none follows).</summary>
    public IReadOnlyList<FitPause> Pauses
    {
        get
        {
            var pauses = new List<FitPause>();
            DateTime? stoppedAt = null;
            foreach (var e in Events)
            {
                if (e.Event != "timer" || e.Timestamp is not { } t)
                {
                    continue;
                }

                if (e.EventType is "stop" or "stop_all" or "stop_disable" or "stop_disable_all")
                {
                    stoppedAt ??= t;
                }
                else if (e.EventType == "start" && stoppedAt is { } s)
                {
                    pauses.Add(new FitPause(s, t));
                    stoppedAt = null;
                }
            }

            // A final stop with no restart is the end of the activity, not a pause.
            return pauses;
        }
    }

    internal static string? EnumText(object? value) => value switch
    {
        null => null,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    internal static DateTime? Time(FitMessage m, string name) => m.Get(name) as DateTime?;

    internal static int? Int(FitMessage m, string name) => m.GetDouble(name) is { } d ? (int)d : null;
}

public sealed record FitFileId(string? Type, string? Manufacturer, long? Product, long? SerialNumber, DateTime? TimeCreated)
{
    internal static FitFileId From(FitMessage m) => new(
        FitActivity.EnumText(m.Get("type")), FitActivity.EnumText(m.Get("manufacturer")), m.GetRaw("product"),
        m.GetRaw("serial_number"), FitActivity.Time(m, "time_created"));
}

/// <summary>A lap. Times in seconds, distance in metres, speeds in m/s.</summary>
public sealed record FitLap(
    DateTime? StartTime, DateTime? Timestamp, double? TotalElapsedTime, double? TotalTimerTime, double? TotalDistance,
    double? AvgSpeed, double? MaxSpeed, int? AvgHeartRate, int? MaxHeartRate, string? Sport, string? SubSport,
    string? LapTrigger, string? Intensity, int? WktStepIndex, string? Event, string? EventType, int? MessageIndex)
{
    /// <summary>start_time + total_elapsed_time (the timestamp is only when the lap was written).</summary>
    public DateTime? EndTime => StartTime is { } s && TotalElapsedTime is { } e ? s.AddSeconds(e) : null;

    internal static FitLap From(FitMessage m) => new(
        FitActivity.Time(m, "start_time"), FitActivity.Time(m, "timestamp"), m.GetDouble("total_elapsed_time"),
        m.GetDouble("total_timer_time"), m.GetDouble("total_distance"),
        m.GetDouble("enhanced_avg_speed") ?? m.GetDouble("avg_speed"), m.GetDouble("enhanced_max_speed") ?? m.GetDouble("max_speed"),
        FitActivity.Int(m, "avg_heart_rate"), FitActivity.Int(m, "max_heart_rate"), FitActivity.EnumText(m.Get("sport")),
        FitActivity.EnumText(m.Get("sub_sport")), FitActivity.EnumText(m.Get("lap_trigger")), FitActivity.EnumText(m.Get("intensity")),
        (int?)m.GetRaw("wkt_step_index"), FitActivity.EnumText(m.Get("event")), FitActivity.EnumText(m.Get("event_type")),
        (int?)m.GetRaw("message_index"));
}

/// <summary>A session (one per sport in multisport files).</summary>
public sealed record FitSession(
    DateTime? StartTime, DateTime? Timestamp, double? TotalElapsedTime, double? TotalTimerTime, double? TotalDistance,
    double? AvgSpeed, double? MaxSpeed, int? AvgHeartRate, int? MaxHeartRate, string? Sport, string? SubSport,
    int? FirstLapIndex, int? NumLaps, string? Trigger, string? Event, string? EventType, int? MessageIndex)
{
    public DateTime? EndTime => StartTime is { } s && TotalElapsedTime is { } e ? s.AddSeconds(e) : null;

    internal static FitSession From(FitMessage m) => new(
        FitActivity.Time(m, "start_time"), FitActivity.Time(m, "timestamp"), m.GetDouble("total_elapsed_time"),
        m.GetDouble("total_timer_time"), m.GetDouble("total_distance"),
        m.GetDouble("enhanced_avg_speed") ?? m.GetDouble("avg_speed"), m.GetDouble("enhanced_max_speed") ?? m.GetDouble("max_speed"),
        FitActivity.Int(m, "avg_heart_rate"), FitActivity.Int(m, "max_heart_rate"), FitActivity.EnumText(m.Get("sport")),
        FitActivity.EnumText(m.Get("sub_sport")), FitActivity.Int(m, "first_lap_index"), FitActivity.Int(m, "num_laps"),
        FitActivity.EnumText(m.Get("trigger")), FitActivity.EnumText(m.Get("event")), FitActivity.EnumText(m.Get("event_type")),
        (int?)m.GetRaw("message_index"));
}

/// <summary>An event (timer start/stop, lap, session...).</summary>
public sealed record FitEvent(DateTime? Timestamp, string? Event, string? EventType, long? Data, int? EventGroup)
{
    internal static FitEvent From(FitMessage m) => new(
        FitActivity.Time(m, "timestamp"), FitActivity.EnumText(m.Get("event")), FitActivity.EnumText(m.Get("event_type")),
        m.GetRaw("data"), FitActivity.Int(m, "event_group"));
}

/// <summary>Timer stopped from <see cref="Start"/> to <see cref="End"/>.</summary>
public sealed record FitPause(DateTime Start, DateTime End)
{
    public TimeSpan Duration => End - Start;
}
