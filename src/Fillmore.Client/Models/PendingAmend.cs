// The terms of a replace the venue has not confirmed yet.
namespace Fillmore.Client;

public sealed record PendingAmend(long Quantity, decimal? Price, decimal? StopPrice);
