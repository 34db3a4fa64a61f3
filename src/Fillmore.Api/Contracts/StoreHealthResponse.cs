// The store in GET /api/v1/health: whether it can write (its last write did not fail, and none has
// hung for longer than Fillmore:Health:WriteStuckAfter), and when and how fast it last committed.
namespace Fillmore.Api.Contracts;

public sealed record StoreHealthResponse(string Provider, bool Writable, DateTime? LastCommitAt,
    double? LastCommitLatencyMs, DateTime? LastFailureAt, DateTime? WritingSince);
