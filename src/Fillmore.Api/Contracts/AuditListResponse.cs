// An order's audit trail as the API shows it (GET /api/v1/orders/{id}/audit), oldest first.
namespace Fillmore.Api.Contracts;

public sealed record AuditListResponse(IReadOnlyList<AuditEntryResponse> Data, long Total);
