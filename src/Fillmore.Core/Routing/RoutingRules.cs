// The router's settings (section Fillmore:Routing; docs/routing.md).
namespace Fillmore.Core.Routing;

public class RoutingRules
{
    /// <summary>A quote older than this says nothing about the price now: the venue is ranked as unpriced.</summary>
    public TimeSpan StaleQuoteAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How far back the router counts a venue's refusals of orders.</summary>
    public TimeSpan RejectWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A venue that refused this many orders within the window is used only when no other can be.</summary>
    public int RejectLimit { get; set; } = 3;
}
