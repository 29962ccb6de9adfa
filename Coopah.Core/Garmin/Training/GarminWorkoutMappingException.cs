namespace Coopah.Core.Garmin.Training;

/// <summary>A planned workout that cannot become a Garmin workout (too many steps, invalid values).</summary>
public sealed class GarminWorkoutMappingException(string message) : Exception(message);
