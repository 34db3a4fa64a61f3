// One venue as a trader sees it: whether you may use it, whether orders can go there now, what it
// takes, and what it charges (docs/routing.md, "Fees").
namespace Fillmore.Client;

public sealed record TradingVenue
{
    public string Name { get; init; } = "";
    public bool Allowed { get; init; }
    public bool Halted { get; init; }
    public bool Connected { get; init; }
    public bool Reachable { get; init; }
    public IReadOnlyList<string> OrderTypes { get; init; } = [];
    public IReadOnlyList<string> TimesInForce { get; init; } = [];
    public FeeSchedule Fees { get; init; } = new();
}
