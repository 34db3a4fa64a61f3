// The application messages Fillmore sends, built from its own types: NewOrderSingle (D),
// OrderCancelRequest (F), OrderCancelReplaceRequest (G), OrderStatusRequest (H). Only validated
// values go in (symbols, numbers, ids); nothing a trader typed freely is ever sent.
namespace Fillmore.Venues.Fix;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

internal static class FixOrderMessages
{
    public static FixApplicationMessage NewOrderSingle(Order order, string sessionId, DateTimeOffset now)
    {
        var clOrdId = FixClOrdIds.Of(order.Id);
        var fields = new FixFields().Add(FixTags.ClOrdId, clOrdId).Add(FixTags.HandlInst, '1');
        AddOrder(fields, order.Spec.Symbol, order.Spec.Side, order.Terms, now);
        var link = new FixOrderLink(order.Id, sessionId, clOrdId, order.Spec.Symbol, order.Spec.Side,
            order.Terms.Quantity);
        return new FixApplicationMessage(fields.ToString(), order.Id, clOrdId, link);
    }

    public static FixApplicationMessage Cancel(FixOrderLink link, long seqNum, DateTimeOffset now)
    {
        var clOrdId = FixClOrdIds.Cancel(link.OrderId, seqNum);
        var fields = new FixFields().Add(FixTags.OrigClOrdId, link.ClOrdId).Add(FixTags.ClOrdId, clOrdId)
            .Add(FixTags.Symbol, link.Symbol.Value).Add(FixTags.Side, Side(link.Side))
            .AddTime(FixTags.TransactTime, now)
            .Add(FixTags.OrderQty, link.Quantity);
        return new FixApplicationMessage(fields.ToString(), link.OrderId, clOrdId);
    }

    /// <summary>The replace of <paramref name="order"/> (as recorded with its amend pending) by
    /// <paramref name="terms"/>.</summary>
    public static FixApplicationMessage Replace(FixOrderLink link, Order order, OrderTerms terms, DateTimeOffset now)
    {
        // The order's version is new with every amend recorded, so each replace has a ClOrdID of its own.
        var clOrdId = FixClOrdIds.Replace(order.Id, order.Version);
        var fields = new FixFields().Add(FixTags.OrigClOrdId, link.ClOrdId).Add(FixTags.ClOrdId, clOrdId)
            .Add(FixTags.HandlInst, '1');
        AddOrder(fields, order.Spec.Symbol, order.Spec.Side, terms, now);
        return new FixApplicationMessage(fields.ToString(), order.Id, clOrdId);
    }

    public static FixApplicationMessage Status(FixOrderLink link) =>
        new(new FixFields().Add(FixTags.ClOrdId, link.ClOrdId).Add(FixTags.Symbol, link.Symbol.Value)
            .Add(FixTags.Side, Side(link.Side)).ToString(), link.OrderId, link.ClOrdId);

    // The venue is sent the order's terms (what it asks now: released as MARKET or LIMIT, amended), never the spec.
    private static void AddOrder(FixFields fields, Symbol symbol, Side side, OrderTerms terms, DateTimeOffset now)
    {
        fields.Add(FixTags.Symbol, symbol.Value).Add(FixTags.Side, Side(side))
            .AddTime(FixTags.TransactTime, now)
            .Add(FixTags.OrderQty, terms.Quantity).Add(FixTags.OrdType, OrdType(terms.Type));
        if (terms.NeedsLimitPrice && terms.LimitPrice is { } limit) fields.Add(FixTags.Price, limit);
        if (terms.NeedsStopPrice && terms.StopPrice is { } stop) fields.Add(FixTags.StopPx, stop);
        fields.Add(FixTags.TimeInForce, TimeInForce(terms.TimeInForce));
    }

    public static char Side(Side side) => side == Core.Orders.Side.Buy ? '1' : '2';

    private static char OrdType(OrderType type) => type switch
    {
        OrderType.Market => '1',
        OrderType.Limit => '2',
        OrderType.Stop => '3',
        _ => '4',
    };

    private static char TimeInForce(TimeInForce tif) => tif switch
    {
        Core.Orders.TimeInForce.Day => '0',
        Core.Orders.TimeInForce.Gtc => '1',
        Core.Orders.TimeInForce.Ioc => '3',
        _ => '4',
    };
}
