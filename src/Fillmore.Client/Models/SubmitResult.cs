// What a submit answered: the order, and whether it was created now (201) or is the one an earlier
// request with the same client order id created (200: a replay; check Order.Status, it may be DENIED).
namespace Fillmore.Client;

public sealed record SubmitResult(Order Order, bool Replayed);
