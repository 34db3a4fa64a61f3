// Conversions between the engine's types and the wire records, in both directions. Reading a
// wire record into an engine type throws (FormatException, ArgumentException) when the exchange
// sent something that is not valid; RemoteVenue classifies that as a malformed answer.
namespace Fillmore.Venues.Remote.Wire;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public static class WireMapping
{
    // The venue is sent what the order asks now (its terms), not what was first submitted.
    public static WireOrder ToWire(Order order) => new(order.Id.Value, order.Spec.Symbol.Value, order.Spec.Side,
        order.Terms.Quantity, order.Terms.Type, order.Terms.LimitPrice, order.Terms.StopPrice, order.Terms.TimeInForce,
        order.TraderId.Value);

    public static WireReplace ToWireReplace(Order order, OrderTerms terms) =>
        new(order.Id.Value, terms.Quantity, terms.LimitPrice, terms.StopPrice);

    public static WireExecutionReport ToWire(ExecutionReport r) => new(r.OrderId.Value, r.Kind, r.ExecutionId,
        r.LastQuantity, r.LastPrice, r.CumulativeQuantity, r.AveragePrice, r.Commission, r.Venue, r.TransactTime,
        r.Reason);

    public static WireOrderState ToWire(VenueOrderState s) => new(s.OrderId.Value, s.Symbol.Value, s.Side, s.Quantity,
        s.Status, s.CumulativeQuantity, s.AveragePrice, s.Executions.Select(ToWire).ToList(), s.Reason, s.Account);

    public static WireInstrument ToWire(Instrument i) => new(i.Symbol.Value, i.Name, i.TickSize, i.Status);

    public static WireQuote ToWire(Quote q) => new(q.Symbol.Value, q.Bid, q.Ask, q.Last, q.Timestamp);

    /// <param name="venue">The name Fillmore knows the venue by (its fills are kept under it, whatever the exchange
    /// calls itself); null: the exchange's own.</param>
    public static ExecutionReport ToCore(WireExecutionReport r, string? venue = null) => new(Id(r.ClientOrderId),
        r.Kind, Required(r.ExecutionId, "execution_id"), r.LastQuantity, r.LastPrice, r.CumulativeQuantity,
        r.AveragePrice, r.Commission, venue ?? Required(r.Venue, "venue"), r.TransactTime, r.Reason);

    public static VenueOrderState ToCore(WireOrderState s, string? venue = null) => new(Id(s.ClientOrderId),
        Symbol.Of(s.Symbol), s.Side, s.Quantity, s.Status, s.CumulativeQuantity, s.AveragePrice,
        (s.Executions ?? throw new FormatException("executions missing")).Select(e => ToCore(e, venue)).ToList(),
        s.Reason)
    {
        Account = s.Account,
    };

    public static Instrument ToCore(WireInstrument i) => new(Symbol.Of(i.Symbol), i.Name ?? "", i.TickSize, i.Status);

    public static Quote ToCore(WireQuote q) => new(Symbol.Of(q.Symbol), q.Bid, q.Ask, q.Last, q.Timestamp);

    private static OrderId Id(Guid value) =>
        value == Guid.Empty ? throw new FormatException("client_order_id missing") : new OrderId(value);

    private static string Required(string? value, string field) =>
        string.IsNullOrEmpty(value) ? throw new FormatException($"{field} missing") : value;
}
