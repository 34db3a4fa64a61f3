// The audit chain's verdict (GET /api/v1/audit/verify, and `verify-audit` on a database file). When
// broken, Entries/HeadId/HeadHash describe the intact prefix and Problem is CHANGED, REMOVED,
// INSERTED or REORDERED.
namespace Fillmore.Client;

public sealed record AuditVerification
{
    public bool Valid { get; init; }
    public long Entries { get; init; }
    public long HeadId { get; init; }
    public string HeadHash { get; init; } = "";
    public long? FirstBrokenId { get; init; }
    public string? Problem { get; init; }
    public string? Detail { get; init; }
    public DateTimeOffset VerifiedAt { get; init; }
}
