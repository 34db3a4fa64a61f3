// POST /api/v1/audit/verify: checkpoints kept outside (as GET /api/v1/audit/checkpoints gave them)
// to check the stored chain against, and optionally the one key id to trust.
namespace Fillmore.Api.Contracts;

public sealed record AuditVerifyRequest(IReadOnlyList<AuditCheckpointResponse>? Checkpoints, string? TrustedKeyId);
