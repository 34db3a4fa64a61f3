// Which execution path handled an order. The names are published API values (V2, LEGACY);
// renaming one breaks every bot.
namespace Fillmore.Core.Orders;

/// <summary>Which execution path handled an order (the ORDER_EXECUTION_V2_ENABLED flag).</summary>
public enum ExecutionPath { V2, Legacy }
