using Coopah.Core.Garmin.Training;

namespace Coopah.Core.Matching;

/// <summary>How a run's name reads to a person.</summary>
public static class RunNames
{
    /// <summary>
    /// The activity name without our internal "[CP123]" session code (the rule is <see cref="GarminWorkoutMapper.WithoutSessionCode"/>);
    /// <paramref name="fallback"/> when nothing is left.
    /// </summary>
    public static string Display(string? name, string fallback = "Run") =>
        GarminWorkoutMapper.WithoutSessionCode(name) is { Length: > 0 } shown ? shown : fallback;
}
