// What one subscriber wants: one trader's events (null: every trader, for compliance), optionally
// only one symbol or one order.
namespace Fillmore.Api.Streaming;

using Fillmore.Core.Orders;
using Fillmore.Core.Streaming;

public sealed record StreamFilter(TraderId? Trader, Symbol? Symbol = null, OrderId? OrderId = null)
{
    public bool Matches(OrderEvent e) =>
        (Trader is null || e.TraderId == Trader) && (Symbol is null || e.Symbol == Symbol)
            && (OrderId is null || e.OrderId == OrderId);
}
