// What an amend answered: in force at once (a held order, 200) or sent to the venue as a replace
// (202: order.amended or order.amend_rejected follows on the stream).
namespace Fillmore.Client;

public sealed record AmendResult(Order Order, bool SentToVenue);
