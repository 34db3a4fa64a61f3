// A venue as GET /api/v1/admin/venues lists it: halted or not (and why), what this node sends to it,
// when it last reported, and what it holds itself.
namespace Fillmore.Client;

public sealed record Venue
{
    public string Name { get; init; } = "";
    public bool Halted { get; init; }
    public string? HaltReason { get; init; }
    public int OrdersInFlight { get; init; }
    public DateTimeOffset? LastReportAt { get; init; }
    public IReadOnlyList<string> OrderTypes { get; init; } = [];
    public IReadOnlyList<string> TimesInForce { get; init; } = [];
    public bool Replace { get; init; }
    public bool StatusQueries { get; init; }
}
