// What a held order meets when Fillmore releases it: the risk rules again (Refusal: it is DENIED,
// never sent) and, for an order SMART routed, the router again (Routing: where it goes now, with
// the quotes, fees and health of this moment; null: it stays at its venue) with the time in force
// that venue is sent (Terms: the released terms as that venue takes them; null: as they are).
namespace Fillmore.Core.Execution.Decisions;

using Fillmore.Core.Risk;
using Fillmore.Core.Routing;

public sealed record ReleaseVerdict(RuleViolation? Refusal, RoutingDecision? Routing = null)
{
    public Orders.OrderTerms? Terms { get; init; }

    /// <summary>The venue the order goes to: the router's choice, or the one it has.</summary>
    public string VenueFor(Orders.Order order) =>
        Routing?.Venue is { } chosen && chosen != SmartRouter.Smart ? chosen : order.Venue;
}
