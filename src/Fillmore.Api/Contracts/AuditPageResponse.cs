// One page of GET /api/v1/audit: entries in id order, and the cursor for the next page (the id of
// the last entry here), or null when this is the last page.
namespace Fillmore.Api.Contracts;

public sealed record AuditPageResponse(IReadOnlyList<AuditEntryResponse> Data, long? NextCursor);
