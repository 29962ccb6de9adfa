using Coopah.Core.Garmin.Training;

namespace Coopah.Core.Matching;

/// <summary>How a run's name reads to a person.</summary>
public static class RunNames
{
    /// <summary>The activity name without our internal "[CP123]" session code; <paramref name="fallback"/> when nothing is left.</summary>
    public static string Display(string? name, string fallback = "Run")
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return fallback;
        }

        var trimmed = name.Trim();
        if (GarminWorkoutMapper.TryExtractSessionCode(trimmed, out var code))
        {
            trimmed = trimmed[(code.Length + 2)..].Trim();
        }

        return trimmed.Length == 0 ? fallback : trimmed;
    }
}
