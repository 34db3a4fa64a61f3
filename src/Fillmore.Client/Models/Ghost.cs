// An order the venue holds that Fillmore never placed: reported, never adopted.
namespace Fillmore.Client;

public sealed record Ghost(Guid ClientOrderId, string Symbol, string Side, long Quantity, long FilledQuantity,
    string VenueStatus);
