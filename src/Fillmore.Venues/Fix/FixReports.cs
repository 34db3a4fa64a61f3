// ExecutionReports (35=8) as the engine's reports. A fill needs ExecID, a positive whole LastQty
// (32, LastShares in 4.2), LastPx, and a whole CumQty; AvgPx defaults to LastPx, Commission to 0,
// TransactTime to SendingTime. Quantities are whole shares: a fractional one is refused, never
// rounded. Each report's ExecutionId follows FixExecutionIds.
namespace Fillmore.Venues.Fix;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

internal static class FixReports
{
    public static ExecutionReport? Fill(FixMessage er, OrderId order, string venue, DateTimeOffset now,
        out string? problem)
    {
        problem = null;
        var execId = er.GetString(FixTags.ExecId);
        if (execId is null) problem = "no ExecID (17)";
        else if (!WholePositive(er, FixTags.LastQty, out var last))
            problem = "LastQty (32) is not a positive whole number";
        else if (!er.TryGetDecimal(FixTags.LastPx, out var price) || price <= 0)
            problem = "LastPx (31) is not a positive price";
        else if (!Whole(er, FixTags.CumQty, out var cum) || cum < last)
            problem = "CumQty (14) is not a whole number at least LastQty";
        else
        {
            var average = er.TryGetDecimal(FixTags.AvgPx, out var avg) && avg > 0 ? avg : price;
            var commission = er.TryGetDecimal(FixTags.Commission, out var fee) && fee >= 0 ? fee : 0m;
            var id = FixExecutionIds.Of(execId, order, cum);
            return new ExecutionReport(order, ExecutionKind.Fill, id, last, price, cum,
                average, commission, venue, When(er, now));
        }
        return null;
    }

    /// <summary>A report that ends or refuses an order or a cancel (Cancelled, Expired, Rejected, ...).</summary>
    public static ExecutionReport Ended(FixMessage er, OrderId order, ExecutionKind kind, string venue,
        DateTimeOffset now,
        string reason)
    {
        Whole(er, FixTags.CumQty, out var cum);
        er.TryGetDecimal(FixTags.AvgPx, out var average);
        var execType = er.TryGet(FixTags.ExecType, out var t) && t.Length == 1 ? (char)t[0] : er.MsgType[0];
        var execId = er.GetString(FixTags.ExecId) ?? $"seq{er.SeqNum}";
        var text = FixFields.Sanitise(er.GetString(FixTags.Text));
        var id = FixExecutionIds.Of(execId, order, cum, execType);
        return new ExecutionReport(order, kind, id, 0, 0, cum, average, 0, venue,
            When(er, now), text.Length > 0 ? $"{reason}: {text}" : reason);
    }

    public static DateTimeOffset When(FixMessage message, DateTimeOffset now) =>
        message.TryGetTime(FixTags.TransactTime, out var t) || message.TryGetTime(FixTags.SendingTime, out t) ? t : now;

    private static bool Whole(FixMessage er, int tag, out long value)
    {
        value = 0;
        if (!er.TryGetDecimal(tag, out var d) || d < 0 || d != decimal.Truncate(d) || d > long.MaxValue) return false;
        value = (long)d;
        return true;
    }

    private static bool WholePositive(FixMessage er, int tag, out long value) => Whole(er, tag, out value) && value > 0;
}
