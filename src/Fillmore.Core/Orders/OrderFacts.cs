// What the transition table needs to know about an order besides its status.
namespace Fillmore.Core.Orders;

/// <param name="HasFills">Some quantity is filled: decides where a refused cancel returns to.</param>
/// <param name="FailureAcknowledged">The trader closed out the FAILED order: it takes nothing more.</param>
/// <param name="InDoubt">No attempt got a clear answer and neither did the final question: the order may be at the
/// venue (Order.InDoubtSince).</param>
public readonly record struct OrderFacts(bool HasFills, bool FailureAcknowledged = false, bool InDoubt = false);
