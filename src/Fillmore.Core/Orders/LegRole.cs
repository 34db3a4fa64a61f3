// What an order is within its family (see OrderClass): the order the trader submitted (Entry: a
// simple order, a bracket's or OTO's entry, an OCO's take-profit leg) or an exit created with it.
namespace Fillmore.Core.Orders;

public enum LegRole { Entry, TakeProfit, StopLoss }
