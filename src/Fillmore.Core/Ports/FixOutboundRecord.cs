// One message a FIX session sent (or is about to send: it is stored first). Body holds the
// application fields after the standard header, exactly as sent; the header is rebuilt from
// SeqNum, MsgType and SendingTime (with PossDupFlag and OrigSendingTime on a resend). An admin
// message has no body: it only advances the numbering and is gap-filled on a resend.
// OrderId and ClOrdId name the order an application message concerns (to attribute a Reject,
// which only carries the sequence number it refuses); NewOrder links a first send to the session.
namespace Fillmore.Core.Ports;

using Fillmore.Core.Orders;

public sealed record FixOutboundRecord(
    string SessionId,
    long SeqNum,
    string MsgType,
    DateTimeOffset SendingTime,
    string? Body,
    OrderId? OrderId = null,
    string? ClOrdId = null)
{
    /// <summary>Set on a NewOrderSingle: the order's link, stored with the message if it has none yet.</summary>
    public FixOrderLink? NewOrder { get; init; }

    public bool IsApplication => Body is not null;
}
