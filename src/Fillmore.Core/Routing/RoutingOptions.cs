// Section Fillmore:Routing (docs/routing.md): the router's rules, where an order that names no venue
// goes, and which venues each trader may use.
namespace Fillmore.Core.Routing;

public sealed class RoutingOptions : RoutingRules
{
    /// <summary>A venue's name or SMART; unset: SMART with several venues, else the one venue.</summary>
    public string? DefaultVenue { get; set; }

    /// <summary>Trader id → the venues that trader may use (a trader not listed may use every venue).</summary>
    public Dictionary<string, List<string>> Allowed { get; set; } = new(StringComparer.Ordinal);
}
