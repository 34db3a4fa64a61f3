// The execution flag in force (GET and PUT /api/v1/admin/execution-flag), with the share of
// traders it sends down the v2 path.
namespace Fillmore.Api.Contracts;

public sealed record ExecutionFlagResponse(string Value, int PercentOfTraders);
