// One received FIX message, parsed once into (tag, offset, length) triples over a private copy of
// its bytes: reading a field allocates nothing; only values asked for as strings allocate. The
// framer has checked BodyLength and CheckSum already; Parse checks that every field is
// "digits=value<SOH>" with a non-empty value, and that 8, 9 and 35 come first, in that order.
namespace Fillmore.Venues.Fix;

using System.Buffers;
using System.Buffers.Text;
using System.Text;

public sealed class FixMessage
{
    private const byte Soh = 1;
    private readonly byte[] _bytes;
    private readonly int[] _fields;   // tag, start, length per field
    private readonly int _count;

    private FixMessage(byte[] bytes, int[] fields, int count)
    {
        (_bytes, _fields, _count) = (bytes, fields, count);
        MsgType = GetString(FixTags.MsgType)!;
        BeginString = GetString(FixTags.BeginString)!;
        SeqNum = TryGetLong(FixTags.MsgSeqNum, out var seq) ? seq : 0;
    }

    public string BeginString { get; }
    public string MsgType { get; }
    /// <summary>MsgSeqNum (34), or 0 when it is missing.</summary>
    public long SeqNum { get; }
    public bool PossDup => IsYes(FixTags.PossDupFlag);
    public ReadOnlySpan<byte> Raw => _bytes;
    public int FieldCount => _count;

    /// <summary>Parses a framed message; null with a reason when its fields are malformed.</summary>
    public static FixMessage? Parse(in ReadOnlySequence<byte> frame, out string? problem)
    {
        var bytes = frame.ToArray();
        var fields = new int[Math.Max(24, bytes.Length / 4) * 3];
        var count = 0;
        var position = 0;
        while (position < bytes.Length)
        {
            if (!TryField(bytes, ref position, out var tag, out var start, out var length, out problem)) return null;
            if (count * 3 == fields.Length) Array.Resize(ref fields, fields.Length * 2);
            (fields[count * 3], fields[count * 3 + 1], fields[count * 3 + 2]) = (tag, start, length);
            count++;
        }
        problem = count < 4 || fields[0] != FixTags.BeginString || fields[3] != FixTags.BodyLength
            || fields[6] != FixTags.MsgType ? "8, 9 and 35 must be the first three fields" : null;
        return problem is null ? new FixMessage(bytes, fields, count) : null;
    }

    private static bool TryField(byte[] bytes, ref int position, out int tag, out int start, out int length,
        out string? problem)
    {
        (tag, start, length, problem) = (0, 0, 0, null);
        var equals = Array.IndexOf(bytes, (byte)'=', position);
        if (equals <= position || equals - position > 9
            || !Utf8Parser.TryParse(bytes.AsSpan(position, equals - position),
                out tag, out var used) || used != equals - position || tag <= 0)
        {
            problem = $"a field at byte {position} has no numeric tag";
            return false;
        }
        var end = Array.IndexOf(bytes, Soh, equals + 1);
        if (end < 0 || end == equals + 1)
        {
            problem = $"tag {tag} has no value";
            return false;
        }
        (start, length, position) = (equals + 1, end - equals - 1, end + 1);
        return true;
    }

    public bool Has(int tag) => IndexOf(tag) >= 0;

    /// <summary>The first value of <paramref name="tag"/>, as bytes (no allocation).</summary>
    public bool TryGet(int tag, out ReadOnlySpan<byte> value)
    {
        var i = IndexOf(tag);
        value = i < 0 ? default : _bytes.AsSpan(_fields[i * 3 + 1], _fields[i * 3 + 2]);
        return i >= 0;
    }

    public string? GetString(int tag) => TryGet(tag, out var v) ? Encoding.Latin1.GetString(v) : null;

    public bool TryGetLong(int tag, out long value)
    {
        value = 0;
        return TryGet(tag, out var v) && Utf8Parser.TryParse(v, out value, out var used) && used == v.Length;
    }

    /// <summary>A FIX float (qty, price, amount): plain decimal notation, invariant.</summary>
    public bool TryGetDecimal(int tag, out decimal value)
    {
        value = 0;
        return TryGet(tag, out var v) && Utf8Parser.TryParse(v, out value, out var used) && used == v.Length;
    }

    public bool TryGetTime(int tag, out DateTimeOffset value) => FixTime.TryParse(GetString(tag), out value);

    public bool IsYes(int tag) => TryGet(tag, out var v) && v.Length == 1 && v[0] == (byte)'Y';

    public bool Is(int tag, char value) => TryGet(tag, out var v) && v.Length == 1 && v[0] == (byte)value;

    private int IndexOf(int tag)
    {
        for (var i = 0; i < _count; i++)
            if (_fields[i * 3] == tag) return i;
        return -1;
    }

    /// <summary>The message with '|' for SOH, for logs.</summary>
    public override string ToString() => Encoding.Latin1.GetString(_bytes).Replace('\u0001', '|');
}
