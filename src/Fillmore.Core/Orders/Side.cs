// Which way an order trades. The names are published API values in UPPER_SNAKE_CASE (BUY, SELL);
// renaming one breaks every bot.
namespace Fillmore.Core.Orders;

public enum Side { Buy, Sell }
