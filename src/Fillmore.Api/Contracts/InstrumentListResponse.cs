// GET /api/v1/instruments: every instrument the venue lists, by symbol, with its quote.
namespace Fillmore.Api.Contracts;

public sealed record InstrumentListResponse(IReadOnlyList<InstrumentResponse> Data);
