// The verifier's verdict over a whole trail. Intact: how many entries, the newest entry's id, and
// HeadHash: the legacy chain's head hash while the trail has no partition entries, else the hash
// of every head (AuditChain.HeadsHash, what a checkpoint signs; keep it somewhere else, e.g. in a
// daily report, because only a recorded head proves that nothing was cut off the end). Broken: the
// first entry that does not verify, the kind of problem, and a plain-language explanation; in a
// partition also its partition and sequence number (FirstBrokenId is then the stored row's id, or
// null when the entry is missing altogether). Entries then counts the entries verified intact.
namespace Fillmore.Core.Audit;

public sealed record AuditVerification(
    bool Valid,
    long Entries,
    long HeadId,
    string HeadHash,
    long? FirstBrokenId,
    AuditProblem? Problem,
    string? Detail)
{
    /// <summary>The partition of the first broken entry; null when it is in the legacy segment.</summary>
    public int? FirstBrokenPartition { get; init; }

    /// <summary>The first broken entry's sequence number in its partition.</summary>
    public long? FirstBrokenSeq { get; init; }

    public static AuditVerification Intact(long entries, long headId, string headHash) =>
        new(true, entries, headId, headHash, null, null, null);

    public static AuditVerification Broken(long intactEntries, long lastIntactId, string lastIntactHash,
        long? firstBrokenId, AuditProblem problem, string detail) =>
        new(false, intactEntries, lastIntactId, lastIntactHash, firstBrokenId, problem, detail);
}
