// The FIX session store's writes on PostgreSQL, inside the writer's batch transaction, so a stored
// message is durable exactly when the batch commits.
namespace Fillmore.Storage.Postgres;

using Fillmore.Core.Orders;
using static Fillmore.Storage.Postgres.PostgresFixCommands;

internal sealed partial class PostgresBatchSession
{
    private PostgresFixCommands? _fix;

    protected override void ApplyFixSession(FixSessionWrite write)
    {
        FlushRows();   // written in the order the changes came
        var fix = _fix ??= new PostgresFixCommands(_connection, _tx);
        var now = SqlText.Of(_time.GetUtcNow());
        switch (write)
        {
            case FixSessionOpen open:
                Set(fix.Open, "session_id", open.SessionId);
                Set(fix.Open, "now", SqlText.Of(open.Now));
                fix.Open.ExecuteNonQuery();
                break;
            case FixSessionAppend append:
                Append(fix, append, now);
                break;
            case FixSessionInbound inbound:
                Set(fix.Inbound, "session_id", inbound.SessionId);
                Set(fix.Inbound, "next_inbound", inbound.NextInbound);
                Set(fix.Inbound, "now", now);
                fix.Inbound.ExecuteNonQuery();
                break;
            case FixSessionReset reset:
                Set(fix.Reset, "session_id", reset.SessionId);
                Set(fix.Reset, "numbered_since", SqlText.Of(reset.SessionStart));
                Set(fix.Reset, "now", now);
                fix.Reset.ExecuteNonQuery();
                Set(fix.DropMessages, "session_id", reset.SessionId);
                fix.DropMessages.ExecuteNonQuery();
                break;
            case FixSessionClOrdId link:
                Set(fix.ClOrdId, "order_id", link.OrderId.ToString());
                Set(fix.ClOrdId, "cl_ord_id", link.ClOrdId);
                fix.ClOrdId.ExecuteNonQuery();
                break;
            default:
                throw new ArgumentException($"Unknown FIX session write {write.GetType().Name}", nameof(write));
        }
    }

    private static void Append(PostgresFixCommands fix, FixSessionAppend append, string now)
    {
        var m = append.Message;
        if (m.Body is not null)
        {
            var insert = fix.InsertMessage;
            Set(insert, "session_id", m.SessionId);
            Set(insert, "seq_num", m.SeqNum);
            Set(insert, "msg_type", m.MsgType);
            Set(insert, "order_id", m.OrderId?.ToString());
            Set(insert, "cl_ord_id", m.ClOrdId);
            Set(insert, "sending_time", SqlText.Of(m.SendingTime));
            Set(insert, "body", m.Body);
            insert.ExecuteNonQuery();
        }
        if (m.NewOrder is { } order)
        {
            var link = fix.LinkOrder;
            Set(link, "order_id", order.OrderId.ToString());
            Set(link, "session_id", order.SessionId);
            Set(link, "cl_ord_id", order.ClOrdId);
            Set(link, "symbol", order.Symbol.Value);
            Set(link, "side", ApiNames.Of(order.Side));
            Set(link, "quantity", order.Quantity);
            Set(link, "first_seq", m.SeqNum);
            Set(link, "first_sent", SqlText.Of(m.SendingTime));
            link.ExecuteNonQuery();
        }
        Set(fix.Advance, "session_id", m.SessionId);
        Set(fix.Advance, "next_outbound", checked(m.SeqNum + 1));
        Set(fix.Advance, "now", now);
        if (fix.Advance.ExecuteNonQuery() != 1)
            throw new InvalidOperationException($"FIX session {m.SessionId} was never opened.");
    }
}
