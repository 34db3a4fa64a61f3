// The routing rationale as the ROUTED audit entry keeps it (Core's RoutingJson writes it).
namespace Fillmore.Api.Contracts;

using System.Text.Json;
using Fillmore.Core.Audit;

public sealed record StoredRouting(string? Venue, string Reason, List<RouteOptionResponse> Considered)
{
    /// <summary>Where a split order's parts went (none in entries written before splitting existed).</summary>
    public List<RouteAllocationResponse> Allocations { get; init; } = [];

    /// <summary>
    /// The decision that put an order where it is (<paramref name="venue"/>), from its trail: a held order routed
    /// again at its release has two, and the later one sent it; a split order's later entries route its
    /// remainder's parts, and its first one (venue SMART) is its own. Null: SMART never routed it.
    /// </summary>
    public static (AuditEntry Entry, StoredRouting Routing)? Behind(IEnumerable<AuditEntry> trail, string venue)
    {
        var routed = trail.Where(e => e.Record is { Action: AuditAction.Routed, Reason: not null })
            .Select(e => (Entry: e, Routing: JsonSerializer.Deserialize(e.Record.Reason!,
                FillmoreJsonContext.Web.StoredRouting)!))
            .ToList();
        return routed.Count == 0 ? null
            : routed.LastOrDefault(r => r.Routing.Venue == venue) is { Entry: not null } current ? current : routed[0];
    }
}
