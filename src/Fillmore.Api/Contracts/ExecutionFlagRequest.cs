// PUT /api/v1/admin/execution-flag: the new value of ORDER_EXECUTION_V2_ENABLED (on, off, or a
// percentage of traders such as 25%).
namespace Fillmore.Api.Contracts;

public sealed record ExecutionFlagRequest(string? Value);
