// What a pre-trade rule may look at: the order, the trader's ledger, the market and the controls.
// Prices the rules share are derived here once.
namespace Fillmore.Core.Risk;

using Fillmore.Core.Accounts;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed record PreTradeContext(
    TraderId Trader,
    OrderSpec Order,
    Ledger Ledger,
    IMarketData Market,
    Quote? Quote,
    TradingControls Controls,
    RiskOptions Options,
    DateOnly TradingDay)
{
    /// <summary>The venue the order goes to (its halt refuses it); empty when unknown.</summary>
    public string Venue { get; init; } = "";

    public bool IsBuy => Order.Side == Side.Buy;

    /// <summary>What one share of this order is worth for limits: its limit or stop price, else the side of the quote
    /// it would trade at.</summary>
    public decimal ReferencePrice => Order.LimitPrice ?? Order.StopPrice ?? (IsBuy ? Quote?.Ask : Quote?.Bid) ?? 0m;

    /// <summary>The cash a buy holds per share while open (see ReservePolicy).</summary>
    public decimal? ReservePrice => ReservePolicy.PriceFor(Order, Quote, Options);

    public RiskLimits Limits => Ledger.Account.Limits!;
}
