// The latest quote of one instrument (GET /v1/quotes).
namespace Fillmore.Venues.Remote.Wire;

public sealed record WireQuote(string Symbol, decimal Bid, decimal Ask, decimal Last, DateTimeOffset Timestamp);
