// One page of GET /api/v1/audit, in id order; NextCursor is null on the last page.
namespace Fillmore.Client;

public sealed record AuditPage(IReadOnlyList<AuditEntry> Data, long? NextCursor);
