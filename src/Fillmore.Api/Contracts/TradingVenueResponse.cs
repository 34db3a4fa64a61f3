// One venue as a trader sees it (GET /api/v1/venues): whether the caller may use it, whether orders
// can go there now, what it takes, and what it charges.
namespace Fillmore.Api.Contracts;

public sealed record TradingVenueResponse(
    string Name,
    bool Allowed,
    bool Halted,
    bool Connected,
    bool Reachable,
    IReadOnlyList<string> OrderTypes,
    IReadOnlyList<string> TimesInForce,
    FeeScheduleResponse Fees);
