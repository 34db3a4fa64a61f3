// How an order relates to others (API "order_class"). SIMPLE stands alone. BRACKET: an entry and
// two exits, a take-profit LIMIT and a stop-loss STOP (or STOP_LIMIT), active once the entry fills
// and one-cancels-other. OTO: an entry and one such exit. OCO: two exits for a position held
// already, a take-profit LIMIT and a stop-loss STOP; the first to execute cancels the other.
namespace Fillmore.Core.Orders;

public enum OrderClass { Simple, Bracket, Oco, Oto }
