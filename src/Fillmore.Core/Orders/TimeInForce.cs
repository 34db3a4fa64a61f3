// How long an order works. The names are published API values in UPPER_SNAKE_CASE (DAY, GTC, IOC,
// FOK, GTD); renaming one breaks every bot. DAY ends at the exchange's session close
// (TradingCalendar), GTD at the order's expire_at.
namespace Fillmore.Core.Orders;

public enum TimeInForce { Day, Gtc, Ioc, Fok, Gtd }
