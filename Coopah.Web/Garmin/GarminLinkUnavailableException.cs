namespace Coopah.Web.Garmin;

/// <summary>The link has no usable tokens (revoked, broken or missing): the runner must connect again.</summary>
public sealed class GarminLinkUnavailableException(string message) : Exception(message);
