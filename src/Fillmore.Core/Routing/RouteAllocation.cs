// One venue's part of an order SMART split across venues: the child order sent there.
namespace Fillmore.Core.Routing;

public sealed record RouteAllocation(string Venue, long Quantity);
