// One page of GET /api/v1/audit/checkpoints: checkpoints oldest first, and the cursor for the next
// page (the seq of the last one here), or null when this is the last page. Saved as it is, a page
// is a checkpoint file `verify-audit --checkpoint` reads.
namespace Fillmore.Api.Contracts;

public sealed record AuditCheckpointPageResponse(IReadOnlyList<AuditCheckpointResponse> Data, long? NextCursor);
