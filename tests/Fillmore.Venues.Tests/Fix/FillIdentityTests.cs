// Fill identity both ways (docs/fix.md): a replayed copy (PossDup, or the answer and the stream)
// is the same execution; a genuine new fill whose ExecID a restarted venue counter repeats is a
// different one, whether it is another order or a later fill of the same order.
namespace Fillmore.Venues.Tests.Fix;

using System.Buffers;
using System.Text;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Venues.Fix;

public sealed class FillIdentityTests
{
    private static readonly OrderId Order = new(Guid.Parse("0b5d5c3e-8f6e-4c1a-9d38-5e2f1a7c9b10"));
    private static readonly OrderId Other = new(Guid.Parse("7f3e9a12-4b6d-4e8f-a1c2-3d4e5f6a7b8c"));

    private static ExecutionReport Fill(OrderId order, string execId, long last, long cum, bool possDup = false,
        int seq = 2)
    {
        var dup = possDup ? "43=Y|122=20261130-20:25:27.246|" : "";
        var body = $"35=8|34={seq}|{dup}49=EXECUTOR|52=20261130-20:30:00.000|56=CLIENT1|6=190.5|11={order}|" +
            $"14={cum}|17={execId}|" +
                   $"31=190.5|32={last}|37=1|38=10|39=2|54=1|55=AAPL|150=F|151=0|";
        var frame = FixFramer.Read(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(ScriptedFixPeer.Frame("FIX.4.4",
            body).Replace('|', '\u0001'))));
        var message = FixMessage.Parse(frame.Message, out _)!;
        return FixReports.Fill(message, order, "EXECUTOR", DateTimeOffset.UnixEpoch, out _)!;
    }

    [Fact]
    public void A_PossDup_replay_of_a_fill_is_the_same_execution()
    {
        var original = Fill(Order, "1", 10, 10);
        var replay = Fill(Order, "1", 10, 10, possDup: true, seq: 9);

        Assert.Equal(original, replay);
    }

    [Fact]
    public void A_restarted_ExecID_counter_never_makes_a_new_fill_look_like_an_old_one()
    {
        var partial = Fill(Order, "1", 4, 4);                    // ExecID 1, then the venue restarts...
        var rest = Fill(Order, "1", 6,
            10);                      // ...and counts from 1 again: the rest of the same order
        var otherOrder = Fill(Other, "1", 4, 4);                 // or another order's first fill

        Assert.Equal(3, new[] { partial.ExecutionId, rest.ExecutionId, otherOrder.ExecutionId }.Distinct().Count());
    }

    [Fact]
    public void Fills_with_fractional_or_missing_quantities_are_refused_not_rounded()
    {
        var body = $"35=8|34=2|49=EXECUTOR|52=20261130-20:30:00.000|56=CLIENT1|11={Order}|" +
            "14=10|17=1|31=190.5|32=2.5|150=F|";
        var frame = FixFramer.Read(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(ScriptedFixPeer.Frame("FIX.4.4",
            body).Replace('|', '\u0001'))));

        Assert.Null(FixReports.Fill(FixMessage.Parse(frame.Message, out _)!, Order, "EXECUTOR",
            DateTimeOffset.UnixEpoch, out var problem));
        Assert.Contains("LastQty (32)", problem);
    }
}
