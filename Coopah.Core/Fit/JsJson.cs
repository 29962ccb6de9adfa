using System.Globalization;
using System.Text;

namespace Coopah.Core.Fit;

/// <summary>
/// Minimal JSON writer that prints exactly what JavaScript's JSON.stringify(value, null, indent) prints:
/// insertion-ordered keys, JS number formatting and JS string escaping.
/// </summary>
public sealed class JsJson(int indent)
{
    private readonly StringBuilder _sb = new();
    private readonly Stack<bool> _first = new();

    public override string ToString() => _sb.ToString();

    public void BeginObject() => Open('{');

    public void EndObject() => Close('}');

    public void BeginArray() => Open('[');

    public void EndArray() => Close(']');

    public void Key(string name)
    {
        Separator();
        String(name);
        _sb.Append(indent > 0 ? ": " : ":");
        _pendingValue = true;
    }

    public void Value(string s)
    {
        Separator();
        String(s);
    }

    public void Value(double d)
    {
        Separator();
        _sb.Append(FormatNumber(d));
    }

    public void Value(long l)
    {
        Separator();
        _sb.Append(l.ToString(CultureInfo.InvariantCulture));
    }

    public void Value(bool b)
    {
        Separator();
        _sb.Append(b ? "true" : "false");
    }

    public void Null()
    {
        Separator();
        _sb.Append("null");
    }

    private bool _pendingValue;

    private void Open(char c)
    {
        Separator();
        _sb.Append(c);
        _first.Push(true);
    }

    private void Close(char c)
    {
        var empty = _first.Pop();
        if (!empty)
        {
            NewLine(_first.Count);
        }

        _sb.Append(c);
    }

    private void Separator()
    {
        if (_pendingValue)
        {
            _pendingValue = false;
            return;
        }

        if (_first.Count == 0)
        {
            return;
        }

        if (!_first.Peek())
        {
            _sb.Append(',');
        }
        else
        {
            _first.Pop();
            _first.Push(false);
        }

        NewLine(_first.Count);
    }

    private void NewLine(int depth)
    {
        if (indent > 0)
        {
            _sb.Append('\n').Append(' ', depth * indent);
        }
    }

    private void String(string s)
    {
        _sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': _sb.Append("\\\""); break;
                case '\\': _sb.Append("\\\\"); break;
                case '\b': _sb.Append("\\b"); break;
                case '\f': _sb.Append("\\f"); break;
                case '\n': _sb.Append("\\n"); break;
                case '\r': _sb.Append("\\r"); break;
                case '\t': _sb.Append("\\t"); break;
                default:
                    if (c < 0x20 || (char.IsSurrogate(c) && !IsPairedSurrogate(s, i)))
                    {
                        _sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        _sb.Append(c);
                    }

                    break;
            }
        }

        _sb.Append('"');
    }

    private static bool IsPairedSurrogate(string s, int i) =>
        char.IsHighSurrogate(s[i]) ? i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])
            : i > 0 && char.IsHighSurrogate(s[i - 1]);

    /// <summary>Number.prototype.toString() for finite doubles (shortest round-trip digits, JS exponent rules).</summary>
    public static string FormatNumber(double d)
    {
        if (double.IsNaN(d) || double.IsInfinity(d))
        {
            return "null";
        }

        if (d == 0)
        {
            return "0";
        }

        // Shortest round-trip digits, then laid out with JavaScript's rules.
        var shortest = d.ToString("R", CultureInfo.InvariantCulture);
        var negative = d < 0;
        var (digits, exponent) = Decompose(shortest.TrimStart('-'));
        // JS: value = 0.digits * 10^n where n = exponent + 1
        var k = digits.Length;
        var n = exponent + 1;
        var sb = new StringBuilder();
        if (negative)
        {
            sb.Append('-');
        }

        if (k <= n && n <= 21)
        {
            sb.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            sb.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            sb.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            var e = n - 1;
            sb.Append(digits[0]);
            if (k > 1)
            {
                sb.Append('.').Append(digits, 1, k - 1);
            }

            sb.Append('e').Append(e >= 0 ? "+" : "-").Append(Math.Abs(e).ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    /// <summary>Splits "1.2345E+05" or "123.45" into significant digits and the decimal exponent of the first digit.</summary>
    private static (string Digits, int Exponent) Decompose(string s)
    {
        var exp = 0;
        var ePos = s.IndexOfAny(['E', 'e']);
        if (ePos >= 0)
        {
            exp = int.Parse(s[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s[..ePos];
        }

        var dot = s.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? s[..dot] : s;
        var fracPart = dot >= 0 ? s[(dot + 1)..] : "";
        var all = intPart + fracPart;
        var pointPos = intPart.Length + exp; // digits before the decimal point
        var lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0')
        {
            lead++;
        }

        var digits = all[lead..].TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        return (digits, pointPos - lead - 1);
    }
}
