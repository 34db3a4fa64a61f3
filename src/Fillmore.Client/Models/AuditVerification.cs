// The audit chain's verdict (GET /api/v1/audit/verify, and `verify-audit` on a database file). When
// broken, Entries/HeadId/HeadHash describe the intact prefix and Problem is CHANGED, REMOVED,
// INSERTED or REORDERED; in a partition, FirstBrokenPartition and FirstBrokenSeq place the entry
// (FirstBrokenId is null when it is missing altogether).
namespace Fillmore.Client;

public sealed record AuditVerification
{
    public bool Valid { get; init; }
    public long Entries { get; init; }
    public long HeadId { get; init; }
    public string HeadHash { get; init; } = "";
    public long? FirstBrokenId { get; init; }
    /// <summary>The partition of the first broken entry (null in the legacy segment).</summary>
    public int? FirstBrokenPartition { get; init; }
    /// <summary>The first broken entry's sequence number in its partition.</summary>
    public long? FirstBrokenSeq { get; init; }
    public string? Problem { get; init; }
    public string? Detail { get; init; }
    public DateTimeOffset VerifiedAt { get; init; }
}
