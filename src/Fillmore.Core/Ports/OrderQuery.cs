// The filters and page of an order listing (GET /api/v1/orders).
namespace Fillmore.Core.Ports;

using Fillmore.Core.Orders;

/// <param name="Trader">null: every trader (compliance).</param>
public sealed record OrderQuery(TraderId? Trader, OrderStatus? Status, Symbol? Symbol, int Limit, int Offset);
