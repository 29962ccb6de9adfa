namespace Coopah.Core.Garmin;

/// <summary>A body that is not a valid Garmin notification; <see cref="Exception.Message"/> is safe to return in a 400.</summary>
public sealed class GarminPayloadException(string message, Exception? innerException = null) : Exception(message, innerException);
