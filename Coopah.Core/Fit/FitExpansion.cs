namespace Coopah.Core.Fit;

/// <summary>Sub-field and component expansion for generic messages, following Garmin's SDK order and rules.</summary>
internal static class FitExpansion
{
    public static void ExpandSubFields(FitMessage msg)
    {
        var count = msg.Fields.Count;
        for (var i = 0; i < count; i++)
        {
            var field = msg.Fields[i];
            if (field.Profile is not { SubFields.Length: > 0 } profile || field.SubField is not null)
            {
                continue;
            }

            foreach (var sub in profile.SubFields)
            {
                foreach (var (refField, value) in sub.Maps)
                {
                    if (msg.Field(refField) is { } r && r.TryGetInteger(out var l) && l == value && r.Raw is long)
                    {
                        msg.Fields.Add(new FitField(field, sub));
                        break;
                    }
                }
            }
        }
    }

    public static void ExpandComponents(FitMessage msg, Func<int, int, long, int, long> accumulate)
    {
        // Common case first: scalar sources expanding into plain targets (speed -> enhanced_speed, cycles ->
        // total_cycles, data16 -> data) without the collections the general path needs.
        var simple = true;
        var any = false;
        foreach (var f in msg.Fields)
        {
            var comps = f.SubField?.Components ?? f.Profile?.Components;
            if (comps is not { Length: > 0 } || f.Profile is null)
            {
                continue;
            }

            any = true;
            if (f.IsMisaligned || !f.TryGetInteger(out _) || f.Raw is double || !AllTargetsPlain(msg.Profile!, comps))
            {
                simple = false;
                break;
            }
        }

        if (!any)
        {
            return;
        }

        if (simple)
        {
            ExpandSimple(msg, accumulate);
            return;
        }

        ExpandGeneral(msg, accumulate);
    }

    private static bool AllTargetsPlain(FitMessageProfile profile, int[] components)
    {
        foreach (var c in components)
        {
            if (profile.Field(c) is { } t && (t.IsArray || t.Components.Length > 0))
            {
                return false;
            }
        }

        return true;
    }

    private static void ExpandSimple(FitMessage msg, Func<int, int, long, int, long> accumulate)
    {
        var profile = msg.Profile!;
        Span<ulong> done = stackalloc ulong[4];
        List<FitField>? added = null;
        var count = msg.Fields.Count;
        for (var i = 0; i < count; i++)
        {
            var f = msg.Fields[i];
            var main = f.Profile;
            var sub = f.SubField;
            var components = sub?.Components ?? main?.Components;
            if (main is null || components is not { Length: > 0 })
            {
                continue;
            }

            var type = sub?.Type ?? main.Type;
            if (!FitProfile.IsNumericType(type) && type != "enum")
            {
                continue;
            }

            var baseType = FitBaseTypes.FromProfileType(type);
            f.TryGetInteger(out var x);
            if ((ulong)x == FitBaseTypes.InvalidBits(baseType))
            {
                continue;
            }

            var bits = sub?.Bits ?? main.Bits;
            var scales = sub?.Scale ?? main.Scale;
            var offsets = sub?.Offset ?? main.Offset;
            var available = FitBaseTypes.Size(baseType) * 8;
            var consumed = 0;
            for (var j = 0; j < components.Length && j < bits.Length; j++)
            {
                var n = bits[j];
                if (available < n)
                {
                    break;
                }

                var v = n >= 64 ? (long)((ulong)x >> consumed) : (long)(((ulong)x >> consumed) & ((1UL << n) - 1));
                consumed += n;
                available -= n;
                var target = profile.Field(components[j]);
                if (target is null || (done[target.Number >> 6] & (1UL << (target.Number & 63))) != 0)
                {
                    // Garmin keeps the first value for a non-array target.
                    continue;
                }

                if (target.IsAccumulated)
                {
                    v = accumulate(msg.GlobalNumber, target.Number, v, n);
                }

                done[target.Number >> 6] |= 1UL << (target.Number & 63);
                var value = v / At(scales, j, 1) - At(offsets, j, 0);
                var rawValue = (value + At(target.Offset, 0, 0)) * At(target.Scale, 0, 1);
                if (rawValue == FitBaseTypes.InvalidBits(FitBaseTypes.FromProfileType(target.Type)))
                {
                    continue;
                }

                object converted = !target.IsNumeric && FitProfile.HasEnumTable(target.Type)
                    ? FitProfile.EnumName(target.Type, (long)value) ?? (object)value
                    : value;
                (added ??= []).Add(new FitField(target.Number, FitBaseTypes.FromProfileType(target.Type), rawValue, target)
                {
                    IsExpanded = true,
                    ExpandedValue = converted,
                });
                if (available == 0)
                {
                    break;
                }
            }

        }

        // The expanded value replaces a directly read target field, as in Garmin's SDK.
        for (var i = msg.Fields.Count - 1; i >= 0; i--)
        {
            var e = msg.Fields[i];
            if (e.SubField is null && (done[e.Number >> 6] & (1UL << (e.Number & 63))) != 0)
            {
                msg.Fields.RemoveAt(i);
            }
        }

        if (added is not null)
        {
            msg.Fields.AddRange(added);
        }
    }

    private static void ExpandGeneral(FitMessage msg, Func<int, int, long, int, long> accumulate)
    {
        var profile = msg.Profile!;
        Queue<(FitFieldProfile Main, FitSubFieldProfile? Sub, object Raw)>? queue = null;
        foreach (var f in msg.Fields)
        {
            var comps = f.SubField?.Components ?? f.Profile?.Components;
            if (comps is { Length: > 0 } && !f.IsMisaligned && f.Profile is not null)
            {
                // Allocated only for messages that have components (most have none).
                queue ??= new();
                queue.Enqueue((f.Profile, f.SubField, f.Raw));
            }
        }

        if (queue is null)
        {
            return;
        }

        var expanded = new List<(FitFieldProfile Target, List<object?> Values, List<double> Raws)>();
        while (queue.Count > 0)
        {
            var (main, sub, raw) = queue.Dequeue();
            var type = sub?.Type ?? main.Type;
            if (!FitProfile.IsNumericType(type) && type != "enum")
            {
                // Garmin only expands fields whose profile type is a base type.
                continue;
            }

            var components = sub?.Components ?? main.Components;
            var bits = sub?.Bits ?? main.Bits;
            var scales = sub?.Scale ?? main.Scale;
            var offsets = sub?.Offset ?? main.Offset;
            var baseType = FitBaseTypes.FromProfileType(type);
            var elementBits = FitBaseTypes.Size(baseType) * 8;
            var elements = Elements(raw);
            if (elements is null || elements.All(e => e is null || e == FitBaseTypes.InvalidBits(baseType)))
            {
                continue;
            }

            var reader = new BitReader(elements, elementBits);
            for (var j = 0; j < components.Length && j < bits.Length; j++)
            {
                if (reader.Available < bits[j])
                {
                    break;
                }

                var target = profile.Field(components[j]);
                var v = (long)reader.Read(bits[j]);
                if (target is null)
                {
                    continue;
                }

                if (target.IsAccumulated)
                {
                    v = accumulate(msg.GlobalNumber, target.Number, v, bits[j]);
                }

                var value = v / At(scales, j, 1) - At(offsets, j, 0);
                var rawValue = (value + At(target.Offset, 0, 0)) * At(target.Scale, 0, 1);
                var entry = expanded.Find(e => e.Target == target);
                if (entry.Target is null)
                {
                    entry = (target, [], []);
                    expanded.Add(entry);
                }

                var targetBase = FitBaseTypes.FromProfileType(target.Type);
                object? converted = value;
                if (rawValue == FitBaseTypes.InvalidBits(targetBase))
                {
                    converted = null;
                }
                else if (!target.IsNumeric && FitProfile.HasEnumTable(target.Type))
                {
                    converted = FitProfile.EnumName(target.Type, (long)value) ?? (object)value;
                }

                entry.Values.Add(converted);
                entry.Raws.Add(rawValue);
                if (target.Components.Length > 0)
                {
                    queue.Enqueue((target, null, rawValue));
                }

                if (reader.Available == 0)
                {
                    break;
                }
            }
        }

        foreach (var (target, values, raws) in expanded)
        {
            msg.Fields.RemoveAll(f => f.Number == target.Number && f.SubField is null);
            if (values.All(v => v is null))
            {
                continue;
            }

            object? value = target.IsArray ? values.ToArray() : values[0];
            object rawOut = target.IsArray ? raws.Select(r => (object?)r).ToArray() : raws[0];
            if (value is null)
            {
                continue;
            }

            msg.Fields.Add(new FitField(target.Number, FitBaseTypes.FromProfileType(target.Type), rawOut, target)
            {
                IsExpanded = true,
                ExpandedValue = value,
            });
        }
    }

    private static double At(double[] xs, int i, double fallback) => i < xs.Length ? xs[i] : xs.Length == 1 ? xs[0] : fallback;

    private static ulong?[]? Elements(object raw) => raw switch
    {
        long l => [(ulong)l],
        ulong u => [u],
        double d => [(ulong)(long)d],
        byte b => [b],
        byte[] bytes => bytes.Select(b => (ulong?)b).ToArray(),
        object?[] items => items.Select(i => i switch
        {
            long l => (ulong?)l,
            ulong u => u,
            double d => (ulong)(long)d,
            _ => null,
        }).ToArray(),
        _ => null,
    };

    /// <summary>LSB-first bit reader over array elements of a fixed width (Garmin's BitStream).</summary>
    private sealed class BitReader(ulong?[] elements, int elementBits)
    {
        private int _index;
        private int _bit;

        public int Available { get; private set; } = elements.Length * elementBits;

        public ulong Read(int n)
        {
            ulong value = 0;
            for (var i = 0; i < n; i++)
            {
                var e = elements[_index] ?? ulong.MaxValue;
                var bit = (e >> _bit) & 1;
                value |= bit << i;
                _bit++;
                if (_bit == elementBits)
                {
                    _bit = 0;
                    _index++;
                }
            }

            Available -= n;
            return value;
        }
    }
}
