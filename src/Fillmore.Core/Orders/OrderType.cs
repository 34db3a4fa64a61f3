// How an order is priced. The names are published API values in UPPER_SNAKE_CASE
// (StopLimit <-> STOP_LIMIT); renaming one breaks every bot.
namespace Fillmore.Core.Orders;

public enum OrderType { Market, Limit, Stop, StopLimit, TrailingStop }
