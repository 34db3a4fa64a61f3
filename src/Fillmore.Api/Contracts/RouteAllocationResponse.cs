// One venue's part of an order SMART split: how many shares went there as a child order.
namespace Fillmore.Api.Contracts;

public sealed record RouteAllocationResponse(string Venue, long Quantity);
