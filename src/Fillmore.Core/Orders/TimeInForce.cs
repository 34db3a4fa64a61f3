// How long an order works. The names are published API values in UPPER_SNAKE_CASE (DAY, GTC, IOC,
// FOK); renaming one breaks every bot.
namespace Fillmore.Core.Orders;

public enum TimeInForce { Day, Gtc, Ioc, Fok }
