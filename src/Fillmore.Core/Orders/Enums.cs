// The closed vocabularies of an order. Their names are the published API values in
// UPPER_SNAKE_CASE (PendingSubmit <-> PENDING_SUBMIT); renaming one breaks every bot.
namespace Fillmore.Core.Orders;

public enum Side { Buy, Sell }

public enum OrderType { Market, Limit, Stop, StopLimit, TrailingStop }

/// <summary>GTD: good till expire_at. DAY ends at the exchange's session close (TradingCalendar).</summary>
public enum TimeInForce { Day, Gtc, Ioc, Fok, Gtd }

/// <summary>Which execution path handled an order (the ORDER_EXECUTION_V2_ENABLED flag).</summary>
public enum ExecutionPath { V2, Legacy }
