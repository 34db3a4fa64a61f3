// What the transition table needs to know about an order besides its status.
namespace Fillmore.Core.Orders;

/// <param name="HasFills">Some quantity is filled: decides where a refused cancel returns to.</param>
/// <param name="FailureAcknowledged">The trader closed out the FAILED order: it takes nothing more.</param>
public readonly record struct OrderFacts(bool HasFills, bool FailureAcknowledged = false);
