// An instrument with its current quote (GET /api/v1/instruments).
namespace Fillmore.Api.Contracts;

public sealed record InstrumentResponse(string Symbol, string Name, string Status, decimal TickSize, decimal? Bid, decimal? Ask, decimal? Last);

public sealed record InstrumentListResponse(IReadOnlyList<InstrumentResponse> Data);

public sealed record ExecutionFlagRequest(string? Value);

public sealed record ExecutionFlagResponse(string Value, int PercentOfTraders);

public sealed record GhostResponse(Guid ClientOrderId, string Symbol, string Side, long Quantity, long FilledQuantity, string VenueStatus);

public sealed record GhostListResponse(IReadOnlyList<GhostResponse> Data);
