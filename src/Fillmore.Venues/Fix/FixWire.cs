// Whole outbound messages: the standard header (8, 9, 35, 49, 56, 34, [43, 122 on a resend], 52)
// around a stored body, then CheckSum. BodyLength and CheckSum are computed here and nowhere else.
// The same body with the same header fields always gives the same bytes, so a resend is the
// original message with only PossDupFlag, OrigSendingTime and the new SendingTime added.
namespace Fillmore.Venues.Fix;

using System.Globalization;
using System.Text;

internal static class FixWire
{
    public static byte[] Build(FixSessionSettings s, string msgType, long seqNum, DateTimeOffset sendingTime,
        string body,
        DateTimeOffset? origSendingTime = null)
    {
        var header = new StringBuilder(96 + body.Length);
        header.Append("35=").Append(msgType).Append('\u0001')
            .Append("49=").Append(s.SenderCompId).Append('\u0001')
            .Append("56=").Append(s.TargetCompId).Append('\u0001')
            .Append("34=").Append(seqNum.ToString(CultureInfo.InvariantCulture)).Append('\u0001');
        if (origSendingTime is not null) header.Append("43=Y\u0001");
        header.Append("52=").Append(FixTime.Format(sendingTime)).Append('\u0001');
        if (origSendingTime is { } orig) header.Append("122=").Append(FixTime.Format(orig)).Append('\u0001');
        header.Append(body);
        var bodyLength = header.Length;   // ASCII: one byte per character
        var prefix = $"8={s.BeginString}\u00019={bodyLength.ToString(CultureInfo.InvariantCulture)}\u0001";
        var total = prefix.Length + bodyLength + 7;
        var bytes = new byte[total];
        var written = Encoding.ASCII.GetBytes(prefix, bytes);
        written += Encoding.ASCII.GetBytes(header.ToString(), bytes.AsSpan(written));
        var checksum = FixFramer.Checksum(bytes.AsSpan(0, written));
        Encoding.ASCII.GetBytes($"10={checksum:D3}\u0001", bytes.AsSpan(written));
        return bytes;
    }
}
