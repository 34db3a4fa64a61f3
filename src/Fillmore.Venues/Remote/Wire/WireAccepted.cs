// The exchange's 200 answer to a new order or a cancel request: it has it, as of VenueTime.
namespace Fillmore.Venues.Remote.Wire;

public sealed record WireAccepted(Guid ClientOrderId, DateTimeOffset VenueTime);
