// An answer of GET /api/v1/events: events oldest first, and the seq to poll after next (the request's
// `after` when nothing is new).
namespace Fillmore.Client;

public sealed record EventPage(IReadOnlyList<OrderEvent> Data, long LastSeq);
