// GET /api/v1/venues: the venues an order may name (or SMART), and where an order naming none goes.
namespace Fillmore.Client;

public sealed record VenueList
{
    public string DefaultVenue { get; init; } = "";
    public IReadOnlyList<TradingVenue> Data { get; init; } = [];
}
