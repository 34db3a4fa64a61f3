// A health check's outcome: the report GET /api/v1/health shows, and why the node is not ready
// (empty: ready), each reason a stable code with a plain message and what to do.
namespace Fillmore.Api.Hosting;

using Fillmore.Api.Contracts;
using Fillmore.Api.Errors;

public sealed record HealthVerdict(HealthResponse Report, IReadOnlyList<ProblemError> NotReady);
