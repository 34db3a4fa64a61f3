// Strict FIX framing over the bytes a PipeReader has buffered: a message is 8=FIX...<SOH>9=N<SOH>,
// then exactly N body bytes ending with SOH, then 10=ccc<SOH> where ccc is the sum of every byte
// before "10=" modulo 256. Garbage before "8=FIX" is skipped; a frame whose length or checksum is
// wrong is refused and skipped past its "8" so the search resumes at the next "8=FIX" (as QuickFIX
// does, and without consuming a sequence number). Works on multi-segment buffers without copying.
namespace Fillmore.Venues.Fix;

using System.Buffers;

public static class FixFramer
{
    /// <summary>Largest BodyLength accepted; anything longer is refused as a broken frame.</summary>
    public const int MaxBodyLength = 64 * 1024;

    private const byte Soh = 1;
    private const int TrailerLength = 7;   // 10=ccc<SOH>

    public static FixFrame Read(in ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryAdvanceTo((byte)'8', advancePastDelimiter: false)) return Garbage(buffer, buffer.Length);
        while (!reader.IsNext("8=FIX"u8))
        {
            if (reader.Remaining < 5) return Garbage(buffer, reader.Consumed);   // maybe the start of "8=FIX": keep it
            reader.Advance(1);
            if (!reader.TryAdvanceTo((byte)'8', advancePastDelimiter: false)) return Garbage(buffer, buffer.Length);
        }
        var start = reader.Position;
        var skipped = reader.Consumed;
        return ReadFrom(buffer, ref reader, start, skipped);
    }

    private static FixFrame ReadFrom(in ReadOnlySequence<byte> buffer, ref SequenceReader<byte> reader,
        SequencePosition start,
        long skipped)
    {
        reader.Advance(2);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> begin, Soh))
            return reader.Remaining > 16 ? Refuse(buffer, start, "BeginString (8) is not terminated", skipped)
                : Wait(start, skipped);
        if (begin.Length > 16) return Refuse(buffer, start, "BeginString (8) is too long", skipped);
        if (reader.Remaining < 2) return Wait(start, skipped);
        if (!reader.IsNext("9="u8, advancePast: true))
            return Refuse(buffer, start, "BodyLength (9) does not follow BeginString (8)", skipped);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> digits, Soh))
            return reader.Remaining > 8
                ? Refuse(buffer, start, "BodyLength (9) is not a number", skipped) : Wait(start, skipped);
        if (!TryParseLength(digits, out var length))
            return Refuse(buffer, start, "BodyLength (9) is not a number", skipped);
        if (length > MaxBodyLength)
            return Refuse(buffer, start, $"BodyLength {length} is more than {MaxBodyLength}", skipped);
        if (reader.Remaining < length + TrailerLength) return Wait(start, skipped);
        reader.Advance(length);
        var bodyEnd = reader.Position;
        if (length == 0 || LastByte(buffer.Slice(start, bodyEnd)) != Soh || !reader.IsNext("10="u8, advancePast: true))
            return Refuse(buffer, start, $"BodyLength {length} does not end where CheckSum (10) begins", skipped);
        Span<byte> trailer = stackalloc byte[4];
        if (!reader.TryCopyTo(trailer) || !TryParseChecksum(trailer, out var declared))
            return Refuse(buffer, start, "CheckSum (10) is not three digits", skipped);
        reader.Advance(4);
        var computed = Checksum(buffer.Slice(start, bodyEnd));
        if (computed != declared)
            return Refuse(buffer, start, $"CheckSum {declared:D3} is wrong (computed {computed:D3})", skipped);
        var message = buffer.Slice(start, reader.Position);
        return new FixFrame(FixFrameStatus.Complete, reader.Position, message, null, skipped);
    }

    /// <summary>The sum of the bytes modulo 256: FIX CheckSum (10) over everything before "10=".</summary>
    public static int Checksum(in ReadOnlySequence<byte> bytes)
    {
        var sum = 0;
        foreach (var segment in bytes)
            foreach (var b in segment.Span) sum += b;
        return sum & 0xFF;
    }

    public static int Checksum(ReadOnlySpan<byte> bytes)
    {
        var sum = 0;
        foreach (var b in bytes) sum += b;
        return sum & 0xFF;
    }

    private static bool TryParseLength(in ReadOnlySequence<byte> digits, out int length)
    {
        length = 0;
        if (digits.Length is 0 or > 7) return false;
        foreach (var segment in digits)
            foreach (var b in segment.Span)
            {
                if (b is < (byte)'0' or > (byte)'9') return false;
                length = length * 10 + (b - '0');
            }
        return true;
    }

    private static bool TryParseChecksum(ReadOnlySpan<byte> trailer, out int value)
    {
        value = 0;
        if (trailer[3] != Soh) return false;
        for (var i = 0; i < 3; i++)
        {
            if (trailer[i] is < (byte)'0' or > (byte)'9') return false;
            value = value * 10 + (trailer[i] - '0');
        }
        return true;
    }

    private static byte LastByte(in ReadOnlySequence<byte> bytes) => bytes.Slice(bytes.Length - 1).FirstSpan[0];

    private static FixFrame Garbage(in ReadOnlySequence<byte> buffer, long consumed) =>
        new(FixFrameStatus.Incomplete, buffer.GetPosition(consumed), default, null, consumed);

    private static FixFrame Wait(SequencePosition start, long skipped) =>
        new(FixFrameStatus.Incomplete, start, default, null, skipped);

    // Past the "8" of the refused frame: the next search finds the next "8=FIX".
    private static FixFrame Refuse(in ReadOnlySequence<byte> buffer, SequencePosition start, string problem,
        long skipped) =>
        new(FixFrameStatus.Invalid, buffer.GetPosition(1, start), default, problem, skipped);
}
