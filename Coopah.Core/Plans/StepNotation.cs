using System.Globalization;
using System.Text;

namespace Coopah.Core.Plans;

/// <summary>
/// The compact text notation for step trees, e.g.
/// <c>10min warmup easy; 6x(800m interval @ 3:50-4:00/km; 90s recovery); 10min cooldown</c>.
/// <para>Grammar (EBNF; keywords are case-insensitive; whitespace is allowed between any two tokens):</para>
/// <code>
/// steps     = [ item { ";" item } ] ;                       (empty text = no steps)
/// item      = repeat | step ;
/// repeat    = INT ( "x" | "×" ) "(" item { ";" item } ")" ;  (nesting allowed)
/// step      = duration [ intensity ] [ target ] [ note ] ;  (intensity defaults to active)
/// duration  = time | distance | "lap" ;                     ("lap" = open, ends on a lap press)
/// time      = INT "h" [ INT "min" ] [ INT "s" ] | INT "min" [ INT "s" ] | INT "s" ;
/// distance  = INT "m" | DECIMAL "km" ;                      (must come to whole metres)
/// intensity = "warmup" | "interval" | "recovery" | "rest" | "cooldown" | "active" ;
/// target    = "@" ( pace | zone | "hr" DIGIT ) | zone ;     (a bare zone name is also a target)
/// pace      = PACE [ "-" PACE ] "/km" ;                     (fast first; one pace = a band of zero width)
/// PACE      = INT ":" DIGIT DIGIT ;                         (minutes:seconds per km)
/// zone      = "easy" | "marathon" | "threshold" | "interval" | "repetition" ;
/// note      = '"' { any character except '"' and '\' | '\"' | '\\' } '"' ;
/// </code>
/// <para>
/// Because <c>interval</c> is both an intensity and a zone, the first word after a duration is read as the
/// intensity when it is one. <see cref="Format(IReadOnlyList{StepNode})"/> prints the canonical form: every step with its intensity, zones
/// bare (<c>warmup easy</c>), paces and heart-rate zones after <c>@</c>, whole kilometres as <c>km</c>, other
/// distances in <c>m</c>, whole minutes as <c>h</c>/<c>min</c>, other times under 10 minutes in <c>s</c> and
/// longer ones as <c>h</c>/<c>min</c>/<c>s</c>, items separated by <c>"; "</c>. Parsing the printed text gives
/// back an equal tree. Validation (counts 1..99, plausible paces) is <see cref="PlanValidator"/>'s job; the parser
/// only checks syntax. Full description: docs/PLAN-NOTATION.md.
/// </para>
/// </summary>
public static class StepNotation
{
    private const string StepStart = "a step (a duration such as 10min, 90s, 800m, 5km or lap) or a repeat such as 6x(...)";

    private static readonly Dictionary<string, StepIntensity> Intensities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["warmup"] = StepIntensity.Warmup,
        ["interval"] = StepIntensity.Interval,
        ["recovery"] = StepIntensity.Recovery,
        ["rest"] = StepIntensity.Rest,
        ["cooldown"] = StepIntensity.Cooldown,
        ["active"] = StepIntensity.Active,
    };

    private static readonly Dictionary<string, PaceZone> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["easy"] = PaceZone.Easy,
        ["marathon"] = PaceZone.Marathon,
        ["threshold"] = PaceZone.Threshold,
        ["interval"] = PaceZone.Interval,
        ["repetition"] = PaceZone.Repetition,
    };

    /// <summary>Parses notation text. Throws <see cref="NotationParseException"/> with the position and expected token.</summary>
    public static IReadOnlyList<StepNode> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Parser(text).ParseAll();
    }

    /// <summary>Parses without throwing, for live editors.</summary>
    public static bool TryParse(string text, out IReadOnlyList<StepNode> steps, out NotationParseError? error)
    {
        try
        {
            steps = Parse(text);
            error = null;
            return true;
        }
        catch (NotationParseException ex)
        {
            steps = [];
            error = ex.Error;
            return false;
        }
    }

    /// <summary>Prints a step tree in canonical notation.</summary>
    public static string Format(IReadOnlyList<StepNode> steps)
    {
        var sb = new StringBuilder();
        AppendItems(sb, steps);
        return sb.ToString();
    }

    /// <summary>Prints one step or repeat block.</summary>
    public static string Format(StepNode node) => Format([node]);

    /// <summary>Prints a duration: <c>10min</c>, <c>1h30min</c>, <c>90s</c>, <c>800m</c>, <c>5km</c> or <c>lap</c>.</summary>
    public static string FormatDuration(StepDuration duration) => duration.Kind switch
    {
        DurationKind.Open => "lap",
        DurationKind.Distance when duration.Value > 0 && duration.Value % 1000 == 0 => Inv($"{duration.Value / 1000}km"),
        DurationKind.Distance => Inv($"{duration.Value}m"),
        DurationKind.Time => FormatTime(duration.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(duration)),
    };

    /// <summary>Prints a target (empty for open): <c>easy</c>, <c>@ 3:50-4:00/km</c>, <c>@ hr2</c>.</summary>
    public static string FormatTarget(StepTarget target) => target.Kind switch
    {
        TargetKind.Open => string.Empty,
        TargetKind.PaceZone => ZoneName(target.Zone ?? PaceZone.Easy),
        TargetKind.PaceRange => "@ " + new PaceRange(target.FastSecondsPerKm ?? 0, target.SlowSecondsPerKm ?? 0),
        TargetKind.HeartRateZone => Inv($"@ hr{target.HeartRateZone ?? 0}"),
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    private static void AppendItems(StringBuilder sb, IReadOnlyList<StepNode> steps)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            if (i > 0)
            {
                sb.Append("; ");
            }

            switch (steps[i])
            {
                case RepeatBlock repeat:
                    sb.Append(repeat.Count.ToString(CultureInfo.InvariantCulture)).Append("x(");
                    AppendItems(sb, repeat.Steps);
                    sb.Append(')');
                    break;
                case WorkoutStep step:
                    sb.Append(FormatDuration(step.Duration)).Append(' ').Append(IntensityName(step.Intensity));
                    var target = FormatTarget(step.Target);
                    if (target.Length > 0)
                    {
                        sb.Append(' ').Append(target);
                    }

                    if (step.Note is not null)
                    {
                        sb.Append(" \"").Append(step.Note.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                    }

                    break;
            }
        }
    }

    private static string FormatTime(int seconds)
    {
        if (seconds % 60 != 0 && seconds < 600)
        {
            return Inv($"{seconds}s");
        }

        var h = seconds / 3600;
        var m = seconds % 3600 / 60;
        var s = seconds % 60;
        var sb = new StringBuilder();
        if (h > 0)
        {
            sb.Append(h.ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (m > 0 || (h == 0 && s == 0))
        {
            sb.Append(m.ToString(CultureInfo.InvariantCulture)).Append("min");
        }

        if (s > 0)
        {
            sb.Append(s.ToString(CultureInfo.InvariantCulture)).Append('s');
        }

        return sb.ToString();
    }

    private static string IntensityName(StepIntensity intensity) => intensity.ToString().ToLowerInvariant();

    private static string ZoneName(PaceZone zone) => zone.ToString().ToLowerInvariant();

    private static string Inv(FormattableString text) => FormattableString.Invariant(text);

    private sealed class Parser(string text)
    {
        private int _pos;

        public IReadOnlyList<StepNode> ParseAll()
        {
            SkipSpace();
            if (AtEnd)
            {
                return [];
            }

            var items = ParseItems(insideRepeat: false);
            SkipSpace();
            if (!AtEnd)
            {
                throw Error("';' or end of input");
            }

            return items;
        }

        private bool AtEnd => _pos >= text.Length;

        private char Current => text[_pos];

        private List<StepNode> ParseItems(bool insideRepeat)
        {
            var items = new List<StepNode> { ParseItem(insideRepeat) };
            SkipSpace();
            while (!AtEnd && Current == ';')
            {
                _pos++;
                items.Add(ParseItem(insideRepeat));
                SkipSpace();
            }

            return items;
        }

        private StepNode ParseItem(bool insideRepeat)
        {
            SkipSpace();
            if (!AtEnd && char.IsAsciiDigit(Current))
            {
                var numberStart = _pos;
                var number = ReadNumber();
                SkipSpace();
                if (!AtEnd && (Current == '×' || (Current is 'x' or 'X' && !IsLetterAt(_pos + 1))))
                {
                    _pos++;
                    return ParseRepeat(numberStart, number);
                }

                return ParseStep(ParseDuration(numberStart, number), insideRepeat);
            }

            if (PeekWord().Equals("lap", StringComparison.OrdinalIgnoreCase))
            {
                _pos += 3;
                return ParseStep(StepDuration.Open, insideRepeat);
            }

            throw Error(StepStart);
        }

        private RepeatBlock ParseRepeat(int numberStart, string number)
        {
            if (number.Contains('.', StringComparison.Ordinal) || !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                throw Error("a whole repeat count", numberStart, number);
            }

            SkipSpace();
            Expect('(', "'(' after the repeat count");
            var steps = ParseItems(insideRepeat: true);
            SkipSpace();
            Expect(')', "';' or ')'");
            return new RepeatBlock(count, steps);
        }

        private StepDuration ParseDuration(int numberStart, string number)
        {
            var unitStart = _pos;
            var unit = ReadWord();
            switch (unit.ToLowerInvariant())
            {
                case "m":
                    return StepDuration.Metres(WholeNumber(number, numberStart));
                case "km":
                    if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var km)
                        || km * 1000 != decimal.Truncate(km * 1000) || km * 1000 > int.MaxValue)
                    {
                        throw Error("a distance in whole metres", numberStart, number + unit);
                    }

                    return StepDuration.Metres((int)(km * 1000));
                case "h" or "min" or "s":
                    return StepDuration.Seconds(ParseTime(numberStart, number, unit.ToLowerInvariant()));
                default:
                    throw Error("a unit: h, min, s, m or km", unitStart, unit.Length == 0 ? Describe(unitStart) : unit);
            }
        }

        private int ParseTime(int numberStart, string number, string unit)
        {
            string[] order = ["h", "min", "s"];
            long total = 0;
            var rank = Array.IndexOf(order, unit);
            total += WholeNumber(number, numberStart) * (long)Multiplier(unit);
            while (rank < order.Length - 1)
            {
                var save = _pos;
                SkipSpace();
                if (AtEnd || !char.IsAsciiDigit(Current))
                {
                    _pos = save;
                    break;
                }

                var start = _pos;
                var next = ReadNumber();
                var unitStart = _pos;
                var nextUnit = ReadWord().ToLowerInvariant();
                var nextRank = Array.IndexOf(order, nextUnit);
                if (nextRank <= rank)
                {
                    var expected = string.Join(" or ", order.Skip(rank + 1).Select(u => "'" + u + "'"));
                    throw Error(expected, unitStart, nextUnit.Length == 0 ? Describe(unitStart) : nextUnit);
                }

                total += WholeNumber(next, start) * (long)Multiplier(nextUnit);
                rank = nextRank;
            }

            if (total > int.MaxValue)
            {
                throw Error("a shorter time", numberStart, text[numberStart.._pos]);
            }

            return (int)total;
        }

        private static int Multiplier(string unit) => unit switch
        {
            "h" => 3600,
            "min" => 60,
            _ => 1,
        };

        private WorkoutStep ParseStep(StepDuration duration, bool insideRepeat)
        {
            var intensity = StepIntensity.Active;
            var target = StepTarget.Open;
            string? note = null;
            var hasIntensity = false;
            var hasTarget = false;
            var end = insideRepeat ? "';' or ')'" : "';' or end of input";

            while (true)
            {
                SkipSpace();
                if (AtEnd || Current is ';' or ')')
                {
                    break;
                }

                var word = PeekWord();
                if (!hasIntensity && !hasTarget && Intensities.TryGetValue(word, out var parsedIntensity))
                {
                    _pos += word.Length;
                    intensity = parsedIntensity;
                    hasIntensity = true;
                    continue;
                }

                if (!hasTarget && (Current == '@' || Zones.ContainsKey(word)))
                {
                    target = ParseTarget();
                    hasTarget = true;
                    continue;
                }

                if (Current == '"')
                {
                    note = ParseNote();
                    SkipSpace();
                    if (!AtEnd && Current is not (';' or ')'))
                    {
                        throw Error(end);
                    }

                    break;
                }

                var expected = new List<string>();
                if (!hasIntensity && !hasTarget)
                {
                    expected.Add("an intensity (warmup, interval, recovery, rest, cooldown, active)");
                }

                if (!hasTarget)
                {
                    expected.Add("a target ('@ 4:00-4:10/km', '@ hr2' or a zone: easy, marathon, threshold, interval, repetition)");
                }

                expected.Add("a note in quotes");
                expected.Add(end);
                throw Error(string.Join(", ", expected));
            }

            return new WorkoutStep(intensity, duration, target, note);
        }

        private StepTarget ParseTarget()
        {
            var bare = Current != '@';
            if (!bare)
            {
                _pos++;
                SkipSpace();
            }

            var word = PeekWord();
            if (Zones.TryGetValue(word, out var zone))
            {
                _pos += word.Length;
                return StepTarget.ForZone(zone);
            }

            if (word.Equals("hr", StringComparison.OrdinalIgnoreCase))
            {
                _pos += 2;
                if (AtEnd || !char.IsAsciiDigit(Current) || (_pos + 1 < text.Length && char.IsAsciiDigit(text[_pos + 1])))
                {
                    throw Error("a heart-rate zone digit 1-5 right after 'hr'");
                }

                var zoneNumber = Current - '0';
                _pos++;
                return StepTarget.ForHeartRateZone(zoneNumber);
            }

            if (!AtEnd && char.IsAsciiDigit(Current))
            {
                var fast = ParsePace();
                var slow = fast;
                var isRange = false;
                SkipSpace();
                if (!AtEnd && Current == '-')
                {
                    _pos++;
                    SkipSpace();
                    slow = ParsePace();
                    isRange = true;
                    SkipSpace();
                }

                if (AtEnd || Current != '/')
                {
                    throw Error(isRange ? "'/km'" : "'-' or '/km'");
                }

                _pos++;
                if (!PeekWord().Equals("km", StringComparison.OrdinalIgnoreCase))
                {
                    throw Error("'km' after '/'");
                }

                _pos += 2;
                return StepTarget.ForPace(fast, slow);
            }

            throw Error("a pace such as 4:00-4:10/km, a zone (easy, marathon, threshold, interval, repetition) or hr1..hr5");
        }

        private int ParsePace()
        {
            var start = _pos;
            if (AtEnd || !char.IsAsciiDigit(Current))
            {
                throw Error("a pace m:ss");
            }

            var minutesText = ReadDigits();
            if (AtEnd || Current != ':')
            {
                throw Error("':' in a pace m:ss");
            }

            _pos++;
            var secondsStart = _pos;
            var secondsText = ReadDigits();
            if (secondsText.Length != 2 || secondsText[0] > '5')
            {
                throw Error("two-digit seconds 00-59 in a pace m:ss", secondsStart, secondsText.Length == 0 ? Describe(secondsStart) : secondsText);
            }

            var minutes = WholeNumber(minutesText, start);
            if (minutes > 999)
            {
                throw Error("a pace under 1000 minutes per km", start, minutesText);
            }

            return (minutes * 60) + int.Parse(secondsText, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        private string ParseNote()
        {
            var start = _pos;
            _pos++;
            var sb = new StringBuilder();
            while (!AtEnd && Current != '"')
            {
                if (Current == '\\')
                {
                    _pos++;
                    if (AtEnd || Current is not ('"' or '\\'))
                    {
                        throw Error("'\\\"' or '\\\\' (the only escapes in a note)");
                    }
                }

                sb.Append(Current);
                _pos++;
            }

            if (AtEnd)
            {
                throw Error(FormattableString.Invariant($"a closing '\"' for the note opened at column {start + 1}"));
            }

            _pos++;
            return sb.ToString();
        }

        private int WholeNumber(string number, int start)
        {
            if (number.Contains('.', StringComparison.Ordinal))
            {
                throw Error("a whole number (decimals only with km)", start, number);
            }

            if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                throw Error("a smaller number", start, number);
            }

            return value;
        }

        private string ReadNumber()
        {
            var start = _pos;
            ReadDigits();
            if (_pos + 1 < text.Length && Current == '.' && char.IsAsciiDigit(text[_pos + 1]))
            {
                _pos++;
                ReadDigits();
            }

            return text[start.._pos];
        }

        private string ReadDigits()
        {
            var start = _pos;
            while (!AtEnd && char.IsAsciiDigit(Current))
            {
                _pos++;
            }

            return text[start.._pos];
        }

        private string ReadWord()
        {
            var word = PeekWord();
            _pos += word.Length;
            return word;
        }

        private string PeekWord()
        {
            var end = _pos;
            while (IsLetterAt(end))
            {
                end++;
            }

            return text[_pos..end];
        }

        private bool IsLetterAt(int index) => index < text.Length && char.IsAsciiLetter(text[index]);

        private void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(Current))
            {
                _pos++;
            }
        }

        private void Expect(char c, string expected)
        {
            if (AtEnd || Current != c)
            {
                throw Error(expected);
            }

            _pos++;
        }

        private NotationParseException Error(string expected) => Error(expected, _pos, Describe(_pos));

        private static NotationParseException Error(string expected, int position, string found) =>
            new(new NotationParseError(position, expected, found));

        private string Describe(int position)
        {
            if (position >= text.Length)
            {
                return "end of input";
            }

            var end = position;
            if (char.IsAsciiLetter(text[end]))
            {
                while (IsLetterAt(end))
                {
                    end++;
                }
            }
            else if (char.IsAsciiDigit(text[end]))
            {
                while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] is '.' or ':'))
                {
                    end++;
                }
            }
            else
            {
                end++;
            }

            return "'" + text[position..end] + "'";
        }
    }
}
