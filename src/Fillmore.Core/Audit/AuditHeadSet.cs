// The whole trail's state at one moment, as a checkpoint signs it: how many partitions the store
// has, the legacy segment's head (frozen when the trail was partitioned; id 0 and 64 zeros when
// there was none), and the head of every partition that has entries. Entries counts every entry
// it covers; HeadsHash is what the signature commits to (AuditChain.HeadsHash).
namespace Fillmore.Core.Audit;

public sealed record AuditHeadSet(int Partitions, long LegacyHeadId, string LegacyHeadHash,
    IReadOnlyList<AuditHead> Heads)
{
    public long Entries => LegacyHeadId + Heads.Sum(h => h.Seq);

    public string HeadsHash => AuditChain.HeadsHash(LegacyHeadId, LegacyHeadHash, Heads);

    /// <summary>The non-empty heads in partition order, as they are signed and published.</summary>
    public IReadOnlyList<AuditHead> Written => Heads.Where(h => h.Seq > 0).OrderBy(h => h.Partition).ToList();
}
