// A place in the audit trail as the evidence names it: a partition and the sequence number in it,
// or (Partition null) an id of the legacy segment.
namespace Fillmore.Core.Audit;

public readonly record struct AuditPosition(int? Partition, long Position);
