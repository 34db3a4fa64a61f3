// A FIX session store write: the ClOrdID the venue now knows an order by (after a replace).
namespace Fillmore.Storage;

using Fillmore.Core.Orders;

internal sealed record FixSessionClOrdId(OrderId OrderId, string ClOrdId) : FixSessionWrite;
