// The verifier's verdict over a whole chain. Intact: how many entries and the head (last id and
// its hash; keep the head hash somewhere else, e.g. in a daily report, because only a recorded
// head proves that nothing was cut off the end). Broken: the first entry that does not verify,
// the kind of problem, and a plain-language explanation. Entries then counts the intact prefix.
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
    public static AuditVerification Intact(long entries, long headId, string headHash) =>
        new(true, entries, headId, headHash, null, null, null);

    public static AuditVerification Broken(long intactEntries, long lastIntactId, string lastIntactHash,
        long firstBrokenId, AuditProblem problem, string detail) =>
        new(false, intactEntries, lastIntactId, lastIntactHash, firstBrokenId, problem, detail);
}
