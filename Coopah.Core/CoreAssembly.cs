namespace Coopah.Core;

/// <summary>Marker for the Core assembly.</summary>
public static class CoreAssembly;
