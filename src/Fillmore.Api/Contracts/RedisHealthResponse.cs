// Redis in GET /api/v1/health (when FILLMORE_REDIS is set). Not needed to be ready: without it a
// node serves its own clients and other nodes' events reach them from the store.
namespace Fillmore.Api.Contracts;

public sealed record RedisHealthResponse(bool Connected);
