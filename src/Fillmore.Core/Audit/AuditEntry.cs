// A committed audit entry: the record, its position in the single chain, the hash of the entry
// before it and its own hash (see AuditChain for the canonical encoding).
namespace Fillmore.Core.Audit;

public sealed record AuditEntry(long Id, AuditRecord Record, string PreviousHash, string Hash);
