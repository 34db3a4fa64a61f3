// The framer, the parser and the builder on hand-written bytes ('|' stands for SOH): a message
// QuickFIX really sent frames as it is; split anywhere it waits for the rest; garbage before 8= is
// skipped; a wrong checksum or body length is refused and the next message still found; no value
// Fillmore sends can carry a SOH.
namespace Fillmore.Venues.Tests.Fix;

using System.Buffers;
using System.Text;
using Fillmore.Venues.Fix;

public sealed class FramingTests
{
    // executor's Logon answer, byte for byte as it sent it (../shared/FIX.md session).
    private const string QuickFixLogon =
        "8=FIX.4.4|9=70|35=A|34=1|49=EXECUTOR|52=20261130-20:25:26.946|56=CLIENT1|98=0|108=30|10=095|";

    private static ReadOnlySequence<byte> Bytes(string text) => new(Encoding.ASCII.GetBytes(text.Replace('|',
        '\u0001')));

    [Fact]
    public void A_message_QuickFIX_sent_frames_whole_and_parses()
    {
        var frame = FixFramer.Read(Bytes(QuickFixLogon + "8=FIX"));

        Assert.Equal(FixFrameStatus.Complete, frame.Status);
        var message = FixMessage.Parse(frame.Message, out var problem)!;
        Assert.Null(problem);
        Assert.Equal(("A", 1L, "30", 10), (message.MsgType, message.SeqNum, message.GetString(108),
            message.FieldCount));
        Assert.Equal(QuickFixLogon.Length, (int)frame.Message.Length);
    }

    [Fact]
    public void A_message_split_at_every_byte_waits_for_the_rest()
    {
        var whole = Encoding.ASCII.GetBytes(QuickFixLogon.Replace('|', '\u0001'));
        for (var cut = 1; cut < whole.Length; cut++)
        {
            Assert.Equal(FixFrameStatus.Incomplete, FixFramer.Read(new ReadOnlySequence<byte>(whole, 0, cut)).Status);
            Assert.Equal(FixFrameStatus.Complete, FixFramer.Read(Segments(whole, cut)).Status);
        }
    }

    [Fact]
    public void Garbage_before_8_is_skipped()
    {
        var frame = FixFramer.Read(Bytes("\r\nnoise 58=8 8=FI " + QuickFixLogon));

        Assert.Equal(FixFrameStatus.Complete, frame.Status);
        Assert.Equal(18, frame.GarbageSkipped);
    }

    [Fact]
    public void A_false_start_in_garbage_is_refused_and_the_real_message_found_after_it()
    {
        var buffer = Bytes("noise 8=FIX? more noise|" + QuickFixLogon);

        var first = FixFramer.Read(buffer);
        var next = FixFramer.Read(buffer.Slice(first.Consumed));
        Assert.Equal((FixFrameStatus.Invalid, FixFrameStatus.Complete), (first.Status, next.Status));
    }

    [Fact]
    public void Garbage_alone_is_consumed_but_a_possible_start_is_kept()
    {
        var frame = FixFramer.Read(Bytes("no message here 8=FI"));

        Assert.Equal((FixFrameStatus.Incomplete, 16L), (frame.Status, frame.GarbageSkipped));
    }

    [Theory]
    [InlineData("10=096|", "CheckSum 096 is wrong (computed 095)")]
    [InlineData("10=95|", "CheckSum (10) is not three digits")]
    public void A_wrong_checksum_is_refused_and_the_next_message_still_found(string trailer, string problem)
    {
        var bad = QuickFixLogon.Replace("10=095|", trailer, StringComparison.Ordinal);
        var buffer = Bytes(bad + QuickFixLogon);

        var first = FixFramer.Read(buffer);
        Assert.Equal((FixFrameStatus.Invalid, problem), (first.Status, first.Problem));
        var next = FixFramer.Read(buffer.Slice(first.Consumed));
        Assert.Equal((FixFrameStatus.Complete, QuickFixLogon.Length), (next.Status, (int)next.Message.Length));
    }

    [Theory]
    [InlineData("9=69|")]
    [InlineData("9=0|")]
    [InlineData("9=7x|")]
    public void A_wrong_body_length_is_refused(string length)
    {
        var frame = FixFramer.Read(Bytes(QuickFixLogon.Replace("9=70|", length,
            StringComparison.Ordinal) + QuickFixLogon));

        Assert.Equal(FixFrameStatus.Invalid, frame.Status);
    }

    [Fact]
    public void A_body_length_beyond_the_limit_is_refused_without_waiting_for_it()
    {
        var frame = FixFramer.Read(Bytes($"8=FIX.4.4|9={FixFramer.MaxBodyLength + 1}|35=0|"));

        Assert.Equal(FixFrameStatus.Invalid, frame.Status);
    }

    [Fact]
    public void A_SOH_inside_a_value_leaves_a_field_without_a_tag_and_the_message_is_refused()
    {
        var body = "35=0|34=2|49=EXECUTOR|52=20261130-20:25:26.946|56=CLIENT1|58=one|two|";
        var frame = FixFramer.Read(Bytes(ScriptedFixPeer.Frame("FIX.4.4", body)));

        Assert.Equal(FixFrameStatus.Complete, frame.Status);         // length and checksum are right...
        Assert.Null(FixMessage.Parse(frame.Message, out var problem));   // ...but "two" is not a field
        Assert.Contains("no numeric tag", problem);
    }

    [Fact]
    public void The_builder_refuses_a_SOH_and_user_text_is_cleaned()
    {
        Assert.Throws<ArgumentException>(() => new FixFields().Add(58, "a\u0001b"));
        Assert.Throws<ArgumentException>(() => new FixFields().Add(58, ""));
        var text = new FixFields().AddText(58, "cancel\u0001 49=EVIL\r\n naïve").ToString();
        Assert.Equal("58=cancel  49=EVIL   na?ve\u0001", text);
    }

    [Fact]
    public void What_the_builder_writes_is_what_the_framer_accepts_with_QuickFIXs_checksum()
    {
        var settings = FixSessionSettings.Parse("host=h;port=1;sender=EXECUTOR;target=CLIENT1;version=FIX.4.4");
        var sent = new DateTimeOffset(2026, 11, 30, 20, 25, 26, 946, TimeSpan.Zero);
        var bytes = FixWire.Build(settings, "A", 1, sent, new FixFields().Add(98, 0L).Add(108, 30L).ToString());

        var text = Encoding.ASCII.GetString(bytes).Replace('\u0001', '|');
        // Same fields as executor's Logon, in our header order (49 and 56 before 34): same length, own checksum.
        Assert.Equal("8=FIX.4.4|9=70|35=A|49=EXECUTOR|56=CLIENT1|34=1|52=20261130-20:25:26.946|98=0|108=30|10=095|",
            text);
        Assert.Equal(FixFrameStatus.Complete, FixFramer.Read(new ReadOnlySequence<byte>(bytes)).Status);
    }

    [Fact]
    public void A_resend_carries_PossDup_and_the_original_sending_time()
    {
        var settings = FixSessionSettings.Parse("host=h;port=1;sender=CLIENT1;target=EXECUTOR");
        var original = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
        var bytes = FixWire.Build(settings, "D", 7, original.AddMinutes(5), "11=X|".Replace('|', '\u0001'), original);

        var message = FixMessage.Parse(FixFramer.Read(new ReadOnlySequence<byte>(bytes)).Message, out _)!;
        Assert.Equal((true, "20261130-10:00:00.000", "20261130-10:05:00.000", 7L),
            (message.PossDup, message.GetString(122), message.GetString(52), message.SeqNum));
    }

    private static ReadOnlySequence<byte> Segments(byte[] whole, int cut)
    {
        var first = new Segment(whole.AsMemory(0, cut));
        var last = first.Append(whole.AsMemory(cut));
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
