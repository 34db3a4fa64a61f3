// Where a new order goes: the venue (as configured), the SMART router's decision when it chose, or
// why the order cannot go anywhere (a refusal with its code).
namespace Fillmore.Core.Routing;

using Fillmore.Core.Risk;

public sealed record VenueChoice(string Venue, RoutingDecision? Routing, RuleViolation? Refusal);
