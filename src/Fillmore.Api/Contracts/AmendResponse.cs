// The terms an amend asked the venue for, while the venue has not confirmed the replace.
namespace Fillmore.Api.Contracts;

public sealed record AmendResponse(long Quantity, decimal? Price, decimal? StopPrice);
