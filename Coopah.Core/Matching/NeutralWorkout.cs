using System.Globalization;
using System.Text.Json;
using Coopah.Core.Garmin.Training;

namespace Coopah.Core.Matching;

/// <summary>
/// Reads the neutral workout format of the test generator (<c>gen-run.mjs</c>'s <c>workout.json</c>):
/// <c>{name, steps: [{kind, name, duration: {type: time|distance|open, value}, target: {type: open|pace,
/// minSecPerKm, maxSecPerKm}} | {repeat: N, steps: [...]}]}</c>. Kinds: warmup, interval, recovery, cooldown, rest.
/// </summary>
public static class NeutralWorkout
{
    /// <exception cref="FormatException">The text is not JSON or not a valid workout (the message says where).</exception>
    public static PlannedWorkout Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new FormatException("not JSON: " + ex.Message, ex);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("a workout is a JSON object");
            }

            var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "Workout";
            if (!root.TryGetProperty("steps", out var steps))
            {
                throw new FormatException("steps: missing");
            }

            return new PlannedWorkout(name, "NEUTRAL", null, Steps(steps, "steps"));
        }
    }

    private static List<PlannedWorkoutNode> Steps(JsonElement steps, string where)
    {
        if (steps.ValueKind != JsonValueKind.Array || steps.GetArrayLength() == 0)
        {
            throw new FormatException($"{where}: must be a non-empty array");
        }

        var nodes = new List<PlannedWorkoutNode>();
        var i = 0;
        foreach (var s in steps.EnumerateArray())
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"{where}[{i++}]");
            if (s.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"{at}: must be an object");
            }

            if (s.TryGetProperty("repeat", out var repeat))
            {
                if (repeat.ValueKind != JsonValueKind.Number || !repeat.TryGetInt32(out var count) || count < 1)
                {
                    throw new FormatException($"{at}.repeat: must be an integer >= 1");
                }

                if (!s.TryGetProperty("steps", out var children))
                {
                    throw new FormatException($"{at}.steps: missing");
                }

                nodes.Add(new PlannedRepeat(count, Steps(children, at + ".steps")));
                continue;
            }

            nodes.Add(Step(s, at));
        }

        return nodes;
    }

    private static PlannedStep Step(JsonElement s, string at)
    {
        var kind = s.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
        var intensity = kind switch
        {
            "warmup" => PlannedStepIntensity.Warmup,
            "interval" => PlannedStepIntensity.Interval,
            "recovery" => PlannedStepIntensity.Recovery,
            "cooldown" => PlannedStepIntensity.Cooldown,
            "rest" => PlannedStepIntensity.Rest,
            _ => throw new FormatException($"{at}.kind: '{kind}' is not warmup, interval, recovery, cooldown or rest"),
        };
        if (!s.TryGetProperty("duration", out var d) || d.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{at}.duration: missing");
        }

        var type = d.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        PlannedDuration duration = type switch
        {
            "open" => PlannedDuration.Open,
            "time" => new TimeDuration(PositiveInt(d, at + ".duration.value")),
            "distance" => new DistanceDuration(Positive(d, "value", at + ".duration.value")),
            _ => throw new FormatException($"{at}.duration.type: '{type}' is not time, distance or open"),
        };
        var target = PlannedTarget.Open;
        if (s.TryGetProperty("target", out var tg) && tg.ValueKind == JsonValueKind.Object)
        {
            var ttype = tg.TryGetProperty("type", out var tt) && tt.ValueKind == JsonValueKind.String ? tt.GetString() : "open";
            if (ttype == "pace")
            {
                var min = Positive(tg, "minSecPerKm", at + ".target.minSecPerKm");
                var max = Positive(tg, "maxSecPerKm", at + ".target.maxSecPerKm");
                if (max < min)
                {
                    throw new FormatException($"{at}.target: maxSecPerKm < minSecPerKm");
                }

                target = PlannedTarget.PaceRange(max, min);
            }
            else if (ttype != "open")
            {
                throw new FormatException($"{at}.target.type: '{ttype}' is not open or pace");
            }
        }

        var note = s.TryGetProperty("name", out var nm) && nm.ValueKind == JsonValueKind.String ? nm.GetString() : null;
        return new PlannedStep(intensity, duration, target, note);
    }

    private static double Positive(JsonElement e, string name, string at) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.GetDouble() is var x && x > 0 && double.IsFinite(x)
            ? x
            : throw new FormatException($"{at}: must be a positive number");

    private static int PositiveInt(JsonElement e, string at)
    {
        var x = Positive(e, "value", at);
        return x == Math.Floor(x) && x <= int.MaxValue ? (int)x : throw new FormatException($"{at}: must be whole seconds");
    }
}
