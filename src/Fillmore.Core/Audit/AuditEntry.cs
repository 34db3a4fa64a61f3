// A committed audit entry: the record, its global id (listing order), the hash of the entry before
// it in its chain and its own hash (see AuditChain for the canonical encodings). Partition and
// PartitionSeq place it in its partition's chain; both are null for an entry of the legacy
// segment (the single chain written before the trail was partitioned), which is chained by Id.
namespace Fillmore.Core.Audit;

public sealed record AuditEntry(long Id, AuditRecord Record, string PreviousHash, string Hash, int? Partition = null,
    long? PartitionSeq = null)
{
    public bool IsLegacy => Partition is null;
}
