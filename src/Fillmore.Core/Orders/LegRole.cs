// What an order is within its family (see OrderClass): the order the trader submitted (Entry: a
// simple order, a bracket's or OTO's entry) or an exit (TakeProfit, StopLoss). An OCO has no
// entry: its first order is its TakeProfit leg and the one created with it its StopLoss leg. Route:
// one venue's part of an order the SMART router split across venues (its parent is the order the
// trader submitted, whose venue is SMART).
namespace Fillmore.Core.Orders;

public enum LegRole { Entry, TakeProfit, StopLoss, Route }
