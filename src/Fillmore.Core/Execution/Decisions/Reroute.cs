// Where an IOC's unfilled shares go next (RoutedFamilyDecider): the new part, as it starts at the venue
// chosen, and the router's decision; null when no venue left would fill them at once. The engine
// builds it from the venues' board; the decider only calls it.
namespace Fillmore.Core.Execution.Decisions;

using Fillmore.Core.Orders;

public delegate (Order Part, Routing.RoutingDecision Decision)? Reroute(Order parent, IReadOnlyCollection<string> tried,
    long quantity, DateTimeOffset now);
