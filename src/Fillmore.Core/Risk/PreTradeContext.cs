// What a pre-trade rule may look at: the order, and the market as the venue shows it.
namespace Fillmore.Core.Risk;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed record PreTradeContext(TraderId Trader, OrderSpec Order, IMarketData Market);
