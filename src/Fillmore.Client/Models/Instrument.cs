// An instrument of the venue with its quote (null fields: no quote). Status: ACTIVE, HALTED or DELISTED.
namespace Fillmore.Client;

public sealed record Instrument(string Symbol, string Name, string Status, decimal TickSize, decimal? Bid,
    decimal? Ask, decimal? Last);
