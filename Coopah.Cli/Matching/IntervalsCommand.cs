using Coopah.Core.Garmin;
using System.Text;
using System.Text.Json;
using Coopah.Core.Fit;
using Coopah.Core.Garmin.Push;
using Coopah.Core.Matching;

namespace Coopah.Cli.Matching;

/// <summary><c>coopah intervals --details DETAILS.json [--fit ACTIVITY.fit] [--workout WORKOUT.json]</c>.</summary>
internal static class IntervalsCommand
{
    private const string Usage = "usage: coopah intervals --details DETAILS.json [--fit ACTIVITY.fit] [--workout WORKOUT.json]";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length > 0 && args[0] is "-h" or "--help")
        {
            stdout.WriteLine(Usage);
            return 0;
        }

        string? detailsPath = null, fitPath = null, workoutPath = null, method = "ours";
        var interpolant = DistanceInterpolant.SpeedAware;
        var ignoreFit = false;
        var notes = false;
        for (var i = 0; i < args.Length; i++)
        {
            string? Value() => i + 1 < args.Length ? args[++i] : null;
            switch (args[i])
            {
                case "--details": detailsPath = Value(); break;
                case "--fit": fitPath = Value(); break;
                case "--workout": workoutPath = Value(); break;

                // Diagnostics for bench/intervals.sh: the plain linear baseline and the interpolant.
                case "--method": method = Value(); break;
                case "--interpolant":
                    DistanceInterpolant? parsed = Value() switch
                    {
                        "linear" => DistanceInterpolant.Linear,
                        "cubic" => DistanceInterpolant.MonotoneCubic,
                        "speed" => DistanceInterpolant.SpeedAware,
                        _ => null,
                    };
                    if (parsed is null)
                    {
                        stderr.WriteLine("coopah intervals: --interpolant is linear, cubic or speed");
                        return 2;
                    }

                    interpolant = parsed.Value;
                    break;
                case "--ignore-fit": ignoreFit = true; break;
                case "--notes": notes = true; break;
                default:
                    stderr.WriteLine($"coopah intervals: unknown option '{args[i]}'");
                    stderr.WriteLine(Usage);
                    return 2;
            }
        }

        if (method is not ("ours" or "linear-laps"))
        {
            stderr.WriteLine("coopah intervals: --method is ours or linear-laps");
            return 2;
        }

        if (detailsPath is null && fitPath is null)
        {
            stderr.WriteLine(Usage);
            return 2;
        }

        GarminActivityDetail? details = null;
        if (detailsPath is not null)
        {
            if (!TryRead(detailsPath, stderr, out var bytes))
            {
                return 1;
            }

            try
            {
                details = GarminNotificationParser.Parse(bytes).Envelope.ActivityDetails?.FirstOrDefault()
                    ?? throw new GarminPayloadException("no activityDetails item");
            }
            catch (GarminPayloadException ex)
            {
                stderr.WriteLine($"coopah intervals: '{detailsPath}': {OneLine(ex.Message)}");
                return 1;
            }
        }

        FitActivity? fit = null;
        if (fitPath is not null)
        {
            if (!TryRead(fitPath, stderr, out var bytes))
            {
                return 1;
            }

            try
            {
                fit = FitActivity.Decode(bytes);
            }
            catch (FitFormatException ex)
            {
                stderr.WriteLine($"coopah intervals: '{fitPath}': {OneLine(ex.Message)}");
                return 1;
            }
        }

        IReadOnlyList<PlannedInterval> plan = [];
        if (workoutPath is not null)
        {
            if (!TryRead(workoutPath, stderr, out var bytes))
            {
                return 1;
            }

            try
            {
                plan = WorkoutExpansion.Expand(NeutralWorkout.Parse(Encoding.UTF8.GetString(bytes)));
            }
            catch (FormatException ex)
            {
                stderr.WriteLine($"coopah intervals: '{workoutPath}': {OneLine(ex.Message)}");
                return 1;
            }
        }

        IReadOnlyList<ExecutedInterval> intervals;
        if (method == "linear-laps")
        {
            if (details is null)
            {
                stderr.WriteLine("coopah intervals: --method linear-laps needs --details");
                return 2;
            }

            intervals = IntervalDiagnostics.LinearAtLapStarts(details);
        }
        else
        {
            var result = IntervalReconstructor.Reconstruct(plan, details, fit, new IntervalReconstructionOptions(interpolant, ignoreFit));
            if (notes)
            {
                foreach (var note in result.Notes)
                {
                    stderr.WriteLine("note: " + note);
                }
            }

            intervals = plan.Count > 0 ? result.Intervals : result.Splits.Select(s => new ExecutedInterval(
                null, s.StartTimeInSeconds, s.StartTimerSeconds, s.TimerDurationInSeconds, s.TimerDurationInSeconds, s.DistanceInMeters,
                s.AverageHeartRate, null, result.Source)).ToList();
        }

        stdout.Write(Write(intervals));
        return 0;
    }

    internal static string Write(IReadOnlyList<ExecutedInterval> intervals)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            foreach (var iv in intervals)
            {
                w.WriteStartObject();
                if (iv.StepIndex is { } step)
                {
                    w.WriteNumber("stepIndex", step);
                }
                else
                {
                    w.WriteNull("stepIndex");
                }

                w.WriteNumber("startTimeInSeconds", Math.Round(iv.StartTimeInSeconds, 3));
                w.WriteNumber("timerDurationInSeconds", Math.Round(iv.TimerDurationInSeconds, 3));
                w.WriteNumber("elapsedDurationInSeconds", Math.Round(iv.ElapsedDurationInSeconds, 3));
                w.WriteNumber("distanceInMeters", Math.Round(iv.DistanceInMeters, 3));
                if (iv.AveragePaceSecondsPerKm is { } pace)
                {
                    w.WriteNumber("avgPaceSecPerKm", Math.Round(pace, 2));
                }
                else
                {
                    w.WriteNull("avgPaceSecPerKm");
                }

                w.WriteString("source", iv.Source.ToString());
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    private static bool TryRead(string path, TextWriter stderr, out byte[] bytes)
    {
        try
        {
            bytes = File.ReadAllBytes(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"coopah intervals: cannot read '{path}': {OneLine(ex.Message)}");
            bytes = [];
            return false;
        }
    }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ");
}
