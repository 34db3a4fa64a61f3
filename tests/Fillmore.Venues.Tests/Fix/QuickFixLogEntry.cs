// One message in a QuickFIX acceptor's screen log: which way it went and its raw text (SOH kept).
namespace Fillmore.Venues.Tests.Fix;

public sealed record QuickFixLogEntry(bool Outgoing, string Message)
{
    public string? Field(int tag)
    {
        var key = $"\u0001{tag}=";
        var start = Message.IndexOf(key, StringComparison.Ordinal);
        if (start < 0) return null;
        start += key.Length;
        var end = Message.IndexOf('\u0001', start);
        return end < 0 ? Message[start..] : Message[start..end];
    }

    public string? MsgType => Field(35);
    public bool PossDup => Field(43) == "Y";
    public long SeqNum => long.Parse(Field(34) ?? "0", System.Globalization.CultureInfo.InvariantCulture);
}
