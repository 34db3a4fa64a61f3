// One page of an order listing, newest first, with the total that matches the filters.
namespace Fillmore.Core.Ports;

using Fillmore.Core.Orders;

public sealed record OrderPage(IReadOnlyList<Order> Orders, long Total);
