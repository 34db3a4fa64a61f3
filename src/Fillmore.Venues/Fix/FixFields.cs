// The body of an outbound FIX message (the fields after the standard header), written as ASCII
// tag=value<SOH>. A value can never carry a SOH or any other control character: Add refuses one
// (a programming error), AddText replaces them (user text such as a reason), so no value can ever
// end a field early and smuggle in fields of its own.
namespace Fillmore.Venues.Fix;

using System.Globalization;
using System.Text;

internal sealed class FixFields
{
    /// <summary>Longest user text sent (FIX Text has no fixed limit; venues truncate or refuse long ones).</summary>
    public const int MaxText = 128;

    private readonly StringBuilder _text = new(160);

    public FixFields Add(int tag, string value)
    {
        if (string.IsNullOrEmpty(value)) throw new ArgumentException($"Tag {tag} needs a value.", nameof(value));
        foreach (var c in value)
            if (c < 0x20 || c > 0x7E)
                throw new ArgumentException($"Tag {tag}: a control or non-ASCII character.", nameof(value));
        _text.Append(tag).Append('=').Append(value).Append('\u0001');
        return this;
    }

    public FixFields Add(int tag, long value) => Add(tag, value.ToString(CultureInfo.InvariantCulture));

    public FixFields Add(int tag, char value) => Add(tag, value.ToString());

    /// <summary>A FIX float: plain notation, no exponent, no trailing zeros.</summary>
    public FixFields Add(int tag, decimal value) =>
        Add(tag, value.ToString("0.##########", CultureInfo.InvariantCulture));

    public FixFields AddTime(int tag, DateTimeOffset time) => Add(tag, FixTime.Format(time));

    /// <summary>Free text from a person or a system: control characters become spaces; ASCII, MaxText.</summary>
    public FixFields AddText(int tag, string? text)
    {
        var clean = Sanitise(text);
        return clean.Length == 0 ? this : Add(tag, clean);
    }

    public static string Sanitise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var builder = new StringBuilder(Math.Min(text.Length, MaxText));
        foreach (var c in text)
        {
            if (builder.Length == MaxText) break;
            builder.Append(c is < (char)0x20 or (char)0x7F ? ' ' : c > (char)0x7E ? '?' : c);
        }
        return builder.ToString().Trim();
    }

    /// <summary>The body as stored and sent: ASCII, SOH-terminated fields.</summary>
    public override string ToString() => _text.ToString();
}
