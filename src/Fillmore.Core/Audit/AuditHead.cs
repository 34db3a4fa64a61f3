// One partition's head: its last entry's sequence number within the partition and that entry's
// hash. A partition with no entries yet has Seq 0 and the partitions' genesis hash.
namespace Fillmore.Core.Audit;

public sealed record AuditHead(int Partition, long Seq, string Hash);
