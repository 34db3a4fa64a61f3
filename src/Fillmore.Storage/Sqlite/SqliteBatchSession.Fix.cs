// The FIX session store's writes on SQLite, inside the writer's batch transaction (so a stored
// message is durable exactly when the batch's fsync returns). Statements are prepared on first use.
namespace Fillmore.Storage.Sqlite;

using Fillmore.Core.Orders;

internal sealed partial class SqliteBatchSession
{
    private SqliteFixStatements? _fix;

    protected override void ApplyFixSession(FixSessionWrite write)
    {
        var fix = _fix ??= new SqliteFixStatements(_connection);
        switch (write)
        {
            case FixSessionOpen open:
                fix.Open.Set("$session_id", open.SessionId);
                fix.Open.Set("$now", SqlText.Of(open.Now));
                fix.Open.Execute();
                break;
            case FixSessionAppend append:
                Append(fix, append);
                break;
            case FixSessionInbound inbound:
                fix.Inbound.Set("$session_id", inbound.SessionId);
                fix.Inbound.Set("$next_inbound", inbound.NextInbound);
                fix.Inbound.Set("$now", SqlText.Of(_time.GetUtcNow()));
                fix.Inbound.Execute();
                break;
            case FixSessionReset reset:
                fix.Reset.Set("$session_id", reset.SessionId);
                fix.Reset.Set("$numbered_since", SqlText.Of(reset.SessionStart));
                fix.Reset.Set("$now", SqlText.Of(_time.GetUtcNow()));
                fix.Reset.Execute();
                fix.DropMessages.Set("$session_id", reset.SessionId);
                fix.DropMessages.Execute();
                break;
            case FixSessionClOrdId link:
                fix.ClOrdId.Set("$order_id", link.OrderId.ToString());
                fix.ClOrdId.Set("$cl_ord_id", link.ClOrdId);
                fix.ClOrdId.Execute();
                break;
            default:
                throw new ArgumentException($"Unknown FIX session write {write.GetType().Name}", nameof(write));
        }
    }

    private void Append(SqliteFixStatements fix, FixSessionAppend append)
    {
        var m = append.Message;
        if (m.Body is not null)
        {
            var insert = fix.InsertMessage;
            insert.Set("$session_id", m.SessionId);
            insert.Set("$seq_num", m.SeqNum);
            insert.Set("$msg_type", m.MsgType);
            insert.Set("$order_id", m.OrderId?.ToString());
            insert.Set("$cl_ord_id", m.ClOrdId);
            insert.Set("$sending_time", SqlText.Of(m.SendingTime));
            insert.Set("$body", m.Body);
            insert.Execute();
        }
        if (m.NewOrder is { } order)
        {
            var link = fix.LinkOrder;
            link.Set("$order_id", order.OrderId.ToString());
            link.Set("$session_id", order.SessionId);
            link.Set("$cl_ord_id", order.ClOrdId);
            link.Set("$symbol", order.Symbol.Value);
            link.Set("$side", ApiNames.Of(order.Side));
            link.Set("$quantity", order.Quantity);
            link.Set("$first_seq", m.SeqNum);
            link.Set("$first_sent", SqlText.Of(m.SendingTime));
            link.Execute();
        }
        fix.Advance.Set("$session_id", m.SessionId);
        fix.Advance.Set("$next_outbound", checked(m.SeqNum + 1));
        fix.Advance.Set("$now", SqlText.Of(_time.GetUtcNow()));
        if (fix.Advance.Execute() != 1)
            throw new InvalidOperationException($"FIX session {m.SessionId} was never opened.");
    }
}
