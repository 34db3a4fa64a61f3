// An instrument with its current quote (GET /api/v1/instruments).
namespace Fillmore.Api.Contracts;

public sealed record InstrumentResponse(string Symbol, string Name, string Status, decimal TickSize, decimal? Bid,
    decimal? Ask, decimal? Last);
