namespace Coopah.Core.Fit;

/// <summary>Profile conversions with Garmin's SDK semantics (so canonical output matches the oracle).</summary>
public static class FitValues
{
    /// <summary>1989-12-31T00:00:00Z, the FIT epoch.</summary>
    public static readonly DateTime Epoch = new(1989, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    public const long EpochUnixSeconds = 631065600;

    public static DateTime ToDateTime(long fitSeconds) => Epoch.AddSeconds(fitSeconds);

    /// <summary>The date for FIT seconds, or null when a (corrupt or wide-typed) value is outside DateTime's range.</summary>
    public static DateTime? TryToDateTime(long fitSeconds)
    {
        var min = (DateTime.MinValue - Epoch).TotalSeconds;
        var max = (DateTime.MaxValue - Epoch).TotalSeconds;
        return fitSeconds > min && fitSeconds < max ? Epoch.AddSeconds(fitSeconds) : null;
    }

    public static uint FromDateTime(DateTime utc) =>
        (uint)Math.Round((utc.ToUniversalTime() - Epoch).TotalSeconds, MidpointRounding.AwayFromZero);

    /// <summary>2^31 semicircles are 180 degrees: positions are stored as sint32.</summary>
    private const double SemicirclesPer180Degrees = 2147483648.0;

    public static double SemicirclesToDegrees(int semicircles) => semicircles * (180.0 / SemicirclesPer180Degrees);

    public static int DegreesToSemicircles(double degrees) => (int)Math.Round(degrees * (SemicirclesPer180Degrees / 180.0), MidpointRounding.AwayFromZero);

    internal static object? Convert(FitField field)
    {
        var raw = field.Raw;
        if (field.IsMisaligned || field.Profile is null)
        {
            return raw;
        }

        var type = field.SubField?.Type ?? field.Profile.Type;
        if (FitProfile.IsNumericType(type))
        {
            var scales = field.SubField?.Scale ?? field.Profile.Scale;
            var offsets = field.SubField?.Offset ?? field.Profile.Offset;
            if (scales.Length > 1)
            {
                return raw;
            }

            var scale = scales.Length == 1 ? scales[0] : 1.0;
            var offset = offsets.Length >= 1 ? offsets[0] : 0.0;
            return raw switch
            {
                object?[] items => Array.ConvertAll(items, v => v is null ? null : (object?)Scale(v, scale, offset)),
                byte[] bytes => Array.ConvertAll(bytes, v => (object?)(v / scale - offset)),
                string => raw,
                _ => Scale(raw, scale, offset),
            };
        }

        if (type == "string")
        {
            return raw;
        }

        if (type == "date_time")
        {
            return raw switch
            {
                long l => TryToDateTime(l) ?? raw,
                ulong u when u < long.MaxValue => TryToDateTime((long)u) ?? raw,
                _ => raw,
            };
        }

        if (!FitProfile.HasEnumTable(type))
        {
            return raw;
        }

        return raw switch
        {
            long l => (object?)FitProfile.EnumName(type, l) ?? l,
            ulong u => u <= long.MaxValue ? (object?)FitProfile.EnumName(type, (long)u) ?? u : u,
            object?[] items => Array.ConvertAll(items, v => v is long l ? (object?)FitProfile.EnumName(type, l) ?? l : v),
            _ => raw,
        };
    }

    private static object Scale(object v, double scale, double offset) => v switch
    {
        long l => l / scale - offset,
        ulong u => u / scale - offset,
        double d => d / scale - offset,
        _ => v,
    };

    /// <summary>JavaScript's Math.round: nearest integer, ties toward +infinity.</summary>
    public static double JsRound(double x)
    {
        var f = Math.Floor(x);
        return x - f >= 0.5 ? f + 1 : f;
    }
}
