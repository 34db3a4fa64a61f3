// Admin: move one symbol's mid price (POST /v1/admin/prices), matching resting orders against it.
namespace Fillmore.Venues.Remote.Wire;

public sealed record WirePrice(string Symbol, decimal Price);
