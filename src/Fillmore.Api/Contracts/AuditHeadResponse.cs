// One partition's head in a version 2 checkpoint: the partition, its last entry's sequence number
// in the partition and that entry's hash (docs/audit.md, "Checkpoints").
namespace Fillmore.Api.Contracts;

public sealed record AuditHeadResponse(int Partition, long Seq, string Hash);
